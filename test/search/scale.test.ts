import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import type { Post } from '../../src/content/post.ts';
import { buildSearchFiles } from '../../src/search/build-index.ts';
import { createSearchEngine } from '../../src/search/client/engine.ts';
import { groupKey, shardOf, type SearchMeta } from '../../src/search/format.ts';
import { isWordStart, normalizeText, parseQuery } from '../../src/search/tokenize.ts';
import { launchChromium } from '../helpers/browser.ts';
import { serveStatic } from '../helpers/static-server.ts';
import { assembleSearchSite } from './browser-page.ts';
import { makePost, settings, writeOutput } from './helpers.ts';

/**
 * A site big enough that a frequent word is in hundreds of posts and many shards exist,
 * small enough to build in a second: what scales is checked on the files and requests,
 * the 10 000-post numbers are `npm run bench:search`'s.
 */
const POSTS = 300;
const words = ['开源', '服务发现', '负载均衡', '容器', '用户名', '版本控制', 'Kubernetes', 'kubectl', 'Docker', 'etcd'];
function generatedPosts(): Post[] {
  let state = 7;
  const random = (n: number): number => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) % n;
  return Array.from({ length: POSTS }, (_, i) => {
    const sentence = (): string =>
      random(6) === 0 ? '这里提到了服务，后来才讲到发现问题的方法。' : `我们用${words[random(words.length)]}处理${words[random(words.length)]}的问题。`;
    const text = (): string => Array.from({ length: 2 + random(4) }, sentence).join('');
    return makePost({
      slug: `p${i}`,
      title: `第 ${i} 篇 ${random(3) === 0 ? '开源周刊' : '笔记'}`,
      sections: [
        { anchor: null, heading: '', text: text() },
        { anchor: 'a', heading: '实践', text: text() + text() },
        { anchor: 'b', heading: '工具', text: text() + text() },
      ],
    });
  });
}

/** Posts whose title, headings or text hold every term: Chinese as written, Latin at a word start. */
function truth(posts: Post[], query: string): Set<string> {
  const wordAt = (text: string, word: string): boolean => {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) if (isWordStart(text, at)) return true;
    return false;
  };
  return new Set(
    posts
      .filter((post) => {
        const text = normalizeText([post.title, ...post.sections.map((s) => `${s.heading}\n${s.text}`)].join('\n')).replace(/\s+/g, ' ');
        return parseQuery(query).every((term) => (term.kind === 'word' ? wordAt(text, term.text) : text.includes(term.text)));
      })
      .map((post) => post.url),
  );
}

test('search at scale', async (t) => {
  const posts = generatedPosts();
  // Small shards, so that a site this size has many and fetching only some of them shows.
  const options = { shardChars: 200 };
  const dir = await writeOutput(await buildSearchFiles(posts, settings, { skipClient: true, ...options }));
  const meta = JSON.parse(await readFile(path.join(dir, 'search/meta.json'), 'utf8')) as SearchMeta;
  const recording = () => {
    const fetched: string[] = [];
    const engine = createSearchEngine(async (file) => {
      fetched.push(file);
      return JSON.parse(await readFile(path.join(dir, 'search', file), 'utf8'));
    });
    return { engine, fetched };
  };

  await t.test('should fetch meta, the shard of each query token, its list and the page shown, nothing else', async () => {
    assert.ok(meta.s >= 8, `${meta.s} shards`);
    for (const query of ['开源', 'kube', 'Docker 容器']) {
      const { engine, fetched } = recording();
      const outcome = await engine.search(query, 8);
      const tokens = parseQuery(query).flatMap((term) => term.tokens);
      const shards = new Set(tokens.map((token) => `s/${shardOf(groupKey(token) ?? token, meta.s)}.json`));
      const shown = new Set(outcome.results.slice(0, 8).map((r) => `f/${r.doc}-${r.group}.json`));
      assert.equal(fetched[0], 'meta.json');
      assert.deepEqual(fetched.filter((f) => f.startsWith('s/')).sort(), [...shards].sort(), query);
      // At most one list of its own per token here: a prefix reads the few words it starts.
      assert.ok(fetched.filter((f) => f.startsWith('p/')).length <= tokens.length + 2, `${query}: ${fetched.join(' ')}`);
      assert.deepEqual(new Set(fetched.filter((f) => f.startsWith('f/'))), shown, query);
      assert.equal(fetched.length, new Set(fetched).size, 'no file twice');
    }
  });

  await t.test('should count every match of a frequent word and reach each one through the pages', async () => {
    for (const query of ['开源', 'kube', '服务发现', 'Docker 容器']) {
      const relevant = truth(posts, query);
      assert.ok(relevant.size > 60, `${query} is frequent: ${relevant.size} posts`);
      const { engine } = recording();
      const seen: string[] = [];
      let last;
      for (let skip = 0; skip < POSTS; skip += 20) {
        last = await engine.search(query, 20, skip);
        const page = last.results.slice(skip, skip + 20);
        assert.ok(page.every((r) => r.fragment), `${query}: every result of page ${skip / 20 + 1} is shown`);
        seen.push(...page.map((r) => r.fragment!.u));
        if (skip + 20 >= last.results.length) break;
      }
      assert.equal(seen.length, new Set(seen).size, `${query}: pages do not overlap`);
      assert.deepEqual(new Set(seen), relevant, query);
      assert.ok(last!.exact, `${query}: the count is exact once every page was seen`);
      assert.equal(last!.results.length, relevant.size);
    }
  });

  await t.test('should keep a two-letter group to its most frequent words and find the others by their own shard', async () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      makePost({ slug: `r${i}`, title: `r${i}`, sections: [{ anchor: null, heading: '', text: `retry_${i} ${'retries '.repeat(i % 3)}` }] }),
    );
    const root = await writeOutput(await buildSearchFiles(many, settings, { skipClient: true, shardChars: 200 }));
    const m = JSON.parse(await readFile(path.join(root, 'search/meta.json'), 'utf8')) as SearchMeta;
    const group = JSON.parse(await readFile(path.join(root, `search/s/${shardOf('re', m.s)}.json`), 'utf8')) as Record<string, unknown>;
    // 122 words start with `re`: the shard holds the most frequent and says the others are elsewhere.
    assert.ok(Object.keys(group).filter((word) => word.startsWith('re')).length < 122, `${m.s} shards`);
    assert.deepEqual(group['\0re'], [122 - 48, '']);
    const found = createSearchEngine(async (file) => JSON.parse(await readFile(path.join(root, 'search', file), 'utf8')));
    for (let i = 0; i < 120; i += 7) assert.deepEqual((await found.search(`retry_${i}`)).results.map((r) => r.fragment?.u), [`/r${i}/`]);
    assert.equal((await found.search('retr')).results.length, 120);
    assert.equal((await found.search('retries')).results.length, 80);
  });

  await t.test('should count a word that needs no check exactly on the first page', async () => {
    const { engine } = recording();
    const outcome = await engine.search('开源', 8);
    assert.ok(outcome.exact);
    assert.equal(outcome.results.length, truth(posts, '开源').size);
  });

  await t.test('should fetch in Chromium only the files its query needs', async (t) => {
    const browser = await launchChromium(t);
    if (!browser) return;
    const server = await serveStatic(await assembleSearchSite(posts, 'zh-CN', options));
    t.after(async () => {
      await browser.close();
      await server.close();
    });
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(new URL('/', server.url).href);
    await page.keyboard.press('/');
    await page.locator('#search-input').fill('负载均衡');
    await page.locator('.search-listbox li').first().waitFor();
    await page.waitForLoadState('networkidle');
    const index = requests.filter((p) => p.startsWith('/search/')).map((p) => p.slice('/search/'.length));
    const bigrams = parseQuery('负载均衡')[0].tokens.map((token) => `s/${shardOf(token, meta.s)}.json`);
    assert.deepEqual(new Set(index.filter((p) => p.startsWith('s/'))), new Set(bigrams), index.join(' '));
    assert.ok(bigrams.length < meta.s / 4, `${bigrams.length} of ${meta.s} shards`);
    // One list (the rarest bigram's, when it has a file of its own), then the excerpts of the results shown.
    assert.ok(index.filter((p) => p.startsWith('p/')).length <= 1, index.join(' '));
    const shown = await page.locator('.search-listbox li').count();
    assert.ok(shown > 0 && shown <= 8);
    // A shown post whose file lacks the word has its other files read: a few, not the index.
    assert.ok(index.filter((p) => p.startsWith('f/')).length <= shown * 3, index.join(' '));
    assert.equal(index.length, new Set(index).size, 'no file twice');
    await page.close();
  });
});
