/**
 * The peers `npm run bench` compares weeklog with really build the generated
 * corpus into the pages weeklog makes: a page per post, the home page
 * paginated by 10, archives, category and tag pages. Hugo is Debian's `hugo`:
 * skipped here when it is missing, a failure in CI (`.ci/run` installs it).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { generateCorpus } from '../../bench/generate-corpus.ts';
import { readCorpus, type CorpusPost } from '../../bench/peers.ts';
import { hugoVersion, pipelineFloor, prepareSites, type Tool } from '../../bench/tools.ts';

const POSTS = 25;
const hugoMissing = hugoVersion() === undefined;
if (hugoMissing && process.env.CI === 'true') throw new Error('Hugo is not installed: `apt-get install hugo` (.ci/run does it when it is missing).');

function run(tool: Tool, command = tool.build): void {
  const result = spawnSync(command.args[0]!, command.args.slice(1), { cwd: command.cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(result.status, 0, `${tool.name}: ${command.args.join(' ')}\n${result.stdout}\n${result.stderr}`);
}

function htmlFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) {
      const file = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, file).split(path.sep).join('/'), readFileSync(file, 'utf8'));
    }
  }
  return files;
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Folders with an index.html below `<output>/<kind>/`, by their own name lower-cased (Hexo nests category paths). */
function termFolders(files: Map<string, string>, kind: string): Set<string> {
  const names = new Set<string>();
  for (const file of files.keys()) {
    const parts = file.split('/');
    if (parts[0] === kind && parts.at(-1) === 'index.html' && parts.length >= 3 && parts.at(-3) !== 'page') names.add(decodeURIComponent(parts.at(-2)!).toLowerCase());
  }
  return names;
}

function assertComparablePages(tool: Tool, corpus: readonly CorpusPost[]): void {
  const files = htmlFiles(tool.outputDir);
  const articles = [...files.values()].filter((html) => html.includes('<article>'));
  assert.equal(articles.length, corpus.length, `${tool.name}: one page per post`);
  for (const post of corpus) {
    const heading = `<h1>${escapeHtml(post.title)}</h1>`;
    assert.ok(articles.some((html) => html.includes(heading)), `${tool.name}: a page for ${post.name}`);
    const [, code] = /```(\w+)\n/.exec(post.body) ?? [];
    if (code) assert.ok(articles.some((html) => html.includes(heading) && /<table>|<pre/.test(html)), `${tool.name}: ${post.name} has its code and tables`);
  }
  // Home page and its pages 2 and 3: 25 posts, 10 a page.
  for (const page of ['index.html', 'page/2/index.html', 'page/3/index.html']) {
    assert.ok(files.has(page), `${tool.name}: ${page}`);
    const items = files.get(page)!.match(/<li><a href=/g) ?? [];
    assert.equal(items.length, page === 'page/3/index.html' ? POSTS - 20 : 10, `${tool.name}: posts on ${page}`);
  }
  assert.ok(!files.has('page/4/index.html'), `${tool.name}: no fourth page`);
  assert.match(files.get('archives/index.html') ?? '', /<a href=/, `${tool.name}: archives`);
  const categories = termFolders(files, 'categories');
  const tags = termFolders(files, 'tags');
  for (const post of corpus) {
    for (const category of post.categories) assert.ok(categories.has(category.toLowerCase()), `${tool.name}: category ${category}`);
    for (const tag of post.tags) assert.ok(tags.has(tag.toLowerCase()), `${tool.name}: tag ${tag}`);
  }
}

test('bench peer sites', async (t) => {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'weeklog-peers-'));
  t.after(() => rm(scratch, { recursive: true, force: true }));
  const tools = await prepareSites(scratch, POSTS, 1, !hugoMissing);
  const corpus = await readCorpus(path.join(tools[0]!.siteDir, 'content'));
  assert.equal(corpus.length, POSTS);
  assert.ok(corpus.some((post) => post.categories.length === 2) && corpus.some((post) => post.tags.length > 1), 'the corpus has category paths and tags');

  await t.test('should read every generated post, with and without front matter', async () => {
    const again = path.join(scratch, 'again');
    await generateCorpus(again, 3, 7);
    const posts = await readCorpus(again);
    assert.equal(posts.length, 3);
    for (const post of posts) {
      assert.match(post.date, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      assert.ok(post.title.length > 0 && !post.body.startsWith('---') && !post.body.startsWith('# '), post.name);
    }
  });

  await t.test('should build the Hexo site with the standard generators and the bench theme', () => {
    const hexo = tools.find((tool) => tool.name === 'Hexo')!;
    run(hexo);
    assertComparablePages(hexo, corpus);
    run(hexo, hexo.newPost(1));
    assert.equal(readdirSync(path.join(hexo.siteDir, 'source/_drafts')).length, 1);
  });

  await t.test('should build the Hugo site with the bench layouts', { skip: hugoMissing && 'Hugo is not installed (apt-get install hugo)' }, () => {
    const hugo = tools.find((tool) => tool.name === 'Hugo')!;
    run(hugo);
    assertComparablePages(hugo, corpus);
    assert.ok(existsSync(path.join(hugo.outputDir, 'index.xml')), 'Hugo writes its RSS feed');
  });

  await t.test('should put every post and every code block through the Markdown pipeline alone', () => {
    const weeklog = tools.find((tool) => tool.name === 'weeklog')!;
    const floor = pipelineFloor(weeklog);
    const result = spawnSync(floor.args[0]!, floor.args.slice(1), { cwd: floor.cwd, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const languages = corpus.flatMap((post) => [...post.body.matchAll(/^```(\w*)\n[\s\S]*?^```$/gm)].map((fence) => fence[1]!));
    assert.ok(languages.length >= 2 * POSTS, `the corpus has code: ${languages.length} blocks`);
    // SystemTap is the corpus's one language outside shiki's preloaded list (weeklog loads its own grammar for it).
    const plain = languages.filter((language) => language === 'stp').length;
    assert.ok(plain > 0 && plain < languages.length, `some blocks but not all are SystemTap: ${plain}`);
    const highlighted = languages.length - plain;
    assert.match(result.stdout, new RegExp(`^${POSTS} posts → \\d+\\.\\d\\d MB of HTML, ${highlighted} code blocks highlighted, ${plain} left plain, in \\d+ threads\\n$`));
  });
});
