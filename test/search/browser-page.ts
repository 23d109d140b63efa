import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { Post } from '../../src/content/post.ts';
import { buildSearchFiles, type SearchBuildOptions } from '../../src/search/build-index.ts';
import { searchStrings } from '../../src/search/strings.ts';
import { encodeUrlPart } from '../../src/urls.ts';
import { settings, writeOutput } from './helpers.ts';

const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));
const cssDir = fileURLToPath(new URL('../../public/css/', import.meta.url));

/**
 * A minimal site around the real search include, search page and stylesheet: one page per
 * post with its section headings as anchors, so the client runs exactly as it
 * will in the theme, on posts the test controls.
 */
export async function assembleSearchSite(posts: Post[], language: 'zh-CN' | 'en' = 'zh-CN', options: SearchBuildOptions = {}): Promise<string> {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(templatesDir, '_includes')), { autoescape: true });
  // The theme's `url` filter for a site at the host's root (src/eleventy/filters.ts).
  env.addFilter('url', (value: string) => encodeUrlPart(value));
  const context = { t: searchStrings[language] };
  const box = env.render('search-box.njk', context);
  const page = (title: string, body: string): string =>
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title}</title><link rel="stylesheet" href="/css/site.css"><script src="/assets/search.js" defer></script></head>` +
    `<body><header style="display:flex;justify-content:space-between"><a href="/">home</a>${box}</header><main>${body}</main>` +
    `<div style="height:3000px"></div></body></html>`;

  const dir = await writeOutput(await buildSearchFiles(posts, settings, options));
  await mkdir(path.join(dir, 'css'), { recursive: true });
  for (const sheet of ['site.css', 'search-page.css']) await writeFile(path.join(dir, 'css', sheet), await readFile(path.join(cssDir, sheet)));
  const escape = (text: string): string => nunjucks.lib.escape(text);
  for (const post of posts) {
    const sections = post.sections
      .map((s) => `${s.anchor ? `<h2 id="${escape(s.anchor)}">${escape(s.heading)}</h2>` : ''}<p>${escape(s.text)}</p><div style="height:1500px"></div>`)
      .join('');
    const target = path.join(dir, post.url, 'index.html');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, page(escape(post.title), `<h1>${escape(post.title)}</h1>${sections}`));
  }
  const searchSource = await readFile(path.join(templatesDir, 'search.njk'), 'utf8');
  const searchBody = env.renderString(searchSource.replace(/^---[\s\S]*?---\n/, ''), context);
  await mkdir(path.join(dir, 'search'), { recursive: true });
  await writeFile(path.join(dir, 'search', 'index.html'), page('search', searchBody));
  await writeFile(path.join(dir, 'index.html'), page('home', '<h1>home</h1><p><input id="other-field"></p>'));
  return dir;
}
