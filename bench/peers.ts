/**
 * The same generated corpus laid out as a Hugo site and as a Hexo 8 site, for
 * `npm run bench` to build side by side with weeklog. Each post keeps its
 * title, date, categories, tags, excerpt marker and body; only the front
 * matter is written the peer's way. Both peers get a minimal theme of ours
 * (bench/peers/) that makes the pages weeklog makes: every post, the home page
 * paginated by 10, archives, category and tag pages, and feeds where the peer
 * makes them by itself (Hugo's RSS for every list).
 */
import { cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const packageDir = path.resolve(benchDir, '..');
const peersDir = path.join(benchDir, 'peers');

/** What a peer needs of one generated post. */
export interface CorpusPost {
  /** File name without `.md`, unique in the corpus: the peers' slug. */
  name: string;
  title: string;
  /** Wall-clock time in the site's zone, `YYYY-MM-DD HH:MM:SS`. */
  date: string;
  /** One category path, outermost first (`['Cloud', 'Kubernetes']`); empty for none. */
  categories: string[];
  tags: string[];
  /** Markdown after the front matter (or after the `# title` line of a post that has none). */
  body: string;
}

const list = (value: unknown): string[] =>
  value === null || value === undefined || value === '' ? [] : (Array.isArray(value) ? value : [value]).map(String);

/**
 * Reads the corpus that bench/generate-corpus.ts wrote: posts/ with Hexo front
 * matter, notes/ named `YYYY-MM-DD-…md` with a `# title` line and no front matter.
 */
export async function readCorpus(contentDir: string): Promise<CorpusPost[]> {
  const posts: CorpusPost[] = [];
  for (const folder of ['posts', 'notes']) {
    for (const file of (await readdir(path.join(contentDir, folder))).sort()) {
      const text = await readFile(path.join(contentDir, folder, file), 'utf8');
      const name = path.basename(file, '.md');
      const fenced = /^---\n([\s\S]*?)\n---\n/.exec(text);
      if (fenced) {
        // JSON schema: the wall-clock date stays a string instead of becoming a UTC Date.
        const data = yaml.load(fenced[1]!, { schema: yaml.JSON_SCHEMA }) as Record<string, unknown>;
        posts.push({
          name,
          title: String(data.title),
          date: String(data.date),
          categories: list(data.categories ?? data.category),
          tags: list(data.tags),
          body: text.slice(fenced[0].length),
        });
      } else {
        const heading = /^# (.*)\n/.exec(text);
        if (!heading) throw new Error(`${folder}/${file} has neither front matter nor a # title line`);
        posts.push({ name, title: heading[1]!, date: `${file.slice(0, 10)} 00:00:00`, categories: [], tags: [], body: text.slice(heading[0].length) });
      }
    }
  }
  return posts;
}

const frontMatter = (data: Record<string, unknown>): string => `---\n${yaml.dump(data, { lineWidth: -1 })}---\n`;

/** The zone weeklog's bench project uses (weeklog.config.yml `timezone`); the peers are told the same. */
export const SITE_TIMEZONE = 'Asia/Shanghai';
const SITE_OFFSET = '+08:00';

/**
 * A Hexo 8 site in `siteDir`: `_config.yml` and the minimal theme from
 * bench/peers/hexo/, a package.json naming the plugins (hexo-cli loads the
 * ones a site depends on), node_modules linked to weeklog's, posts in
 * source/_posts/.
 */
export async function writeHexoSite(posts: readonly CorpusPost[], siteDir: string): Promise<void> {
  await mkdir(path.join(siteDir, 'source/_posts'), { recursive: true });
  await mkdir(path.join(siteDir, 'themes'), { recursive: true });
  await cp(path.join(peersDir, 'hexo/_config.yml'), path.join(siteDir, '_config.yml'));
  await cp(path.join(peersDir, 'hexo/theme'), path.join(siteDir, 'themes/minimal'), { recursive: true });
  const ours = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const dependencies = Object.fromEntries(Object.entries(ours.devDependencies).filter(([name]) => name === 'hexo' || name.startsWith('hexo-')));
  // hexo-cli treats a folder as a site only when its package.json has a `hexo` key, as `hexo init` writes it.
  const hexo = JSON.parse(await readFile(path.join(packageDir, 'node_modules/hexo/package.json'), 'utf8')) as { version: string };
  const manifest = { name: 'hexo-peer', private: true, hexo: { version: hexo.version }, dependencies };
  await writeFile(path.join(siteDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await symlink(path.join(packageDir, 'node_modules'), path.join(siteDir, 'node_modules'), 'dir');
  await Promise.all(
    posts.map((post) => {
      const data = { title: post.title, date: post.date, categories: post.categories, tags: post.tags };
      return writeFile(path.join(siteDir, 'source/_posts', `${post.name}.md`), frontMatter(data) + post.body);
    }),
  );
}

/**
 * A Hugo site in `siteDir`: hugo.toml and layouts from bench/peers/hugo/,
 * posts in content/posts/ with the slug and date weeklog's permalink uses,
 * and an archives page.
 */
export async function writeHugoSite(posts: readonly CorpusPost[], siteDir: string): Promise<void> {
  await mkdir(path.join(siteDir, 'content/posts'), { recursive: true });
  await mkdir(path.join(siteDir, 'content/archives'), { recursive: true });
  await cp(path.join(peersDir, 'hugo/hugo.toml'), path.join(siteDir, 'hugo.toml'));
  await cp(path.join(peersDir, 'hugo/layouts'), path.join(siteDir, 'layouts'), { recursive: true });
  await writeFile(path.join(siteDir, 'content/archives/_index.md'), frontMatter({ title: 'Archives' }));
  await Promise.all(
    posts.map((post) => {
      const data = {
        title: post.title,
        date: `${post.date.replace(' ', 'T')}${SITE_OFFSET}`,
        slug: post.name,
        // Hugo's taxonomies are flat: a category path files the post under each of its parts.
        categories: post.categories,
        tags: post.tags,
      };
      // Hugo's summary divider has no spaces.
      const body = post.body.replace(/^<!-- more -->$/m, '<!--more-->');
      return writeFile(path.join(siteDir, 'content/posts', `${post.name}.md`), frontMatter(data) + body);
    }),
  );
}
