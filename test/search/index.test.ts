import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import { buildSearchFiles, lastSearchBuildStats, type SearchCache } from '../../src/search/build-index.ts';
import { PostingsComposer } from '../../src/search/compose-postings.ts';
import { bundleSearchClient } from '../../src/search/bundle-client.ts';
import { statusText } from '../../src/search/client/render.ts';
import { makeSnippet } from '../../src/search/client/snippet.ts';
import type { FragmentFile, SearchMeta } from '../../src/search/format.ts';
import { searchStrings } from '../../src/search/strings.ts';
import { parseQuery } from '../../src/search/tokenize.ts';
import type { LinkEntry } from '../../src/taxonomy/types.ts';
import { linkItem } from '../helpers/make-post.ts';
import { engineOnDisk, fixturePosts, makePost, section, settings, writeOutput } from './helpers.ts';

const files = await buildSearchFiles(fixturePosts(), settings, { skipClient: true });
const siteDir = await writeOutput(files);
const engine = engineOnDisk(siteDir);

/** Result links, in rank order, for the results whose excerpt was loaded. */
async function links(query: string): Promise<string[]> {
  const outcome = await engine.search(query);
  return outcome.results.map((r) => (r.fragment ? `${r.fragment.u}#${r.fragment.a ?? ''}` : `unverified post ${r.doc}`));
}

test('search index numbering', async (t) => {
  const weekly = (slug: string, date: string) =>
    makePost({ slug, title: `Weekly ${slug}`, date, sections: [section('kompose', 'Kompose', `Kompose 把 docker-compose 文件转换为 Kubernetes 资源。${slug}`)] });
  const older = [weekly('w1', '2016-12-05T00:00:00Z'), weekly('w2', '2016-12-12T00:00:00Z'), weekly('w3', '2016-12-19T00:00:00Z')].reverse();

  await t.test('should rank equal posts newest first', async () => {
    const dir = await writeOutput(await buildSearchFiles(older, settings, { skipClient: true }));
    const outcome = await engineOnDisk(dir).search('kompose');
    assert.deepEqual(outcome.results.map((r) => r.fragment?.u), ['/w3/', '/w2/', '/w1/']);
  });

  await t.test('should leave every other post\'s fragment files as they were when a newer post is added', async () => {
    const fragments = (built: { path: string; body: string | Uint8Array }[]) =>
      new Map(built.filter((f) => f.path.startsWith('search/f/')).map((f) => [f.path, String(f.body)]));
    const before = fragments(await buildSearchFiles(older, settings, { skipClient: true }));
    const after = fragments(await buildSearchFiles([weekly('w4', '2016-12-26T00:00:00Z'), ...older], settings, { skipClient: true }));
    assert.equal(after.size, before.size + 1);
    for (const [file, body] of before) assert.equal(after.get(file), body, file);
  });
});

test('buildSearchFiles', async (t) => {
  await t.test('should write meta, shards and fragments as JSON, with nothing in meta that grows with the site', async () => {
    const paths = files.map((f) => f.path);
    assert.ok(paths.includes('search/meta.json'));
    assert.ok(paths.some((p) => /^search\/s\/\d+\.json$/.test(p)));
    const meta = JSON.parse(await readFile(path.join(siteDir, 'search/meta.json'), 'utf8')) as SearchMeta;
    assert.deepEqual(Object.keys(meta).sort(), ['g', 'n', 's', 'v']);
    assert.equal(meta.n, 4);
    assert.equal(files.filter((f) => /^search\/s\/\d+\.json$/.test(f.path)).length, meta.s);
    // Each post's passages are grouped g to a file: fewer files than passages.
    const fragments = files.filter((f) => f.path.startsWith('search/f/'));
    const passages = fragments.reduce((sum, f) => sum + (JSON.parse(String(f.body)) as FragmentFile).p.length, 0);
    assert.ok(fragments.length < passages, 'passages are grouped into fewer fragment files');
    for (const f of fragments) {
      const [, doc, group] = /^search\/f\/(\d+)-(\d+)\.json$/.exec(f.path)!.map(Number);
      assert.ok(group < (JSON.parse(String(f.body)) as FragmentFile).n && doc < meta.n, f.path);
    }
  });

  await t.test('should bundle a client of at most 5 KB gzipped', async () => {
    const client = await bundleSearchClient();
    const size = gzipSync(client).length;
    assert.ok(size <= 5 * 1024, `assets/search.js is ${size} bytes gzipped`);
    assert.doesNotMatch(client, /\bimport\s*\(|WebAssembly|new Worker/);
  });

  await t.test('should match a Chinese compound only where its characters are adjacent', async () => {
    assert.deepEqual(await links('服务发现'), ['/msec/#分布式后台毫秒服务引擎']);
    // Both posts contain 服务, only one has 服务发现; the other has 服务 … 发现 and 业务发布.
    assert.deepEqual((await links('服务')).sort(), ['/msec/#分布式后台毫秒服务引擎', '/split-words/#']);
  });

  await t.test('should AND terms, across sections of a post', async () => {
    assert.deepEqual(await links('SystemTap 探针'), ['/systemtap/#探针']);
    const mixed = await links('SELinux 服务发现');
    assert.equal(mixed.length, 1);
    assert.ok(mixed[0].startsWith('/msec/#'), mixed[0]);
    assert.deepEqual(await links('SystemTap 服务发现'), []);
  });

  await t.test('should check a Chinese run in every passage where its bigrams matched, not only the one shown', async () => {
    const split = '这里提到了服务，然后很久以后才讲到发现问题的方法。服务的业务发布流程也在这里。';
    const posts = [
      // The title makes SystemTap the strongest term, so its passage is shown; 服务发现 matched only as bigrams apart.
      makePost({ slug: 'apart', title: 'SystemTap 笔记', sections: [
        { anchor: null, heading: '', text: 'SystemTap SystemTap SystemTap' },
        { anchor: 'ops', heading: '流程', text: split },
      ] }),
      makePost({ slug: 'elsewhere', title: 'SystemTap 手册', sections: [
        { anchor: null, heading: '', text: 'SystemTap SystemTap SystemTap' },
        { anchor: 'ops', heading: '流程', text: '服务发现与负载均衡。' },
      ] }),
      // The passage shown holds both terms but 服务发现 only apart; another passage has it.
      makePost({ slug: 'shown-apart', title: '追踪', sections: [
        { anchor: null, heading: '', text: `SystemTap。${split}` },
        { anchor: 'ops', heading: '流程', text: '服务发现与负载均衡。' },
      ] }),
    ];
    const found = engineOnDisk(await writeOutput(await buildSearchFiles(posts, settings, { skipClient: true })));
    const urls = async (query: string) => (await found.search(query)).results.map((r) => r.fragment?.u ?? `unverified post ${r.doc}`).sort();
    assert.deepEqual(await urls('SystemTap 服务发现'), ['/elsewhere/', '/shown-apart/']);
    assert.deepEqual(await urls('"服务发现" SystemTap'), ['/elsewhere/', '/shown-apart/']);
    assert.deepEqual(await urls('服务发现'), ['/elsewhere/', '/shown-apart/']);
  });

  await t.test('should match Latin terms as prefixes and parts of dotted words', async () => {
    assert.deepEqual(await links('sys'), ['/systemtap/#']);
    assert.deepEqual(await links('node'), ['/systemtap/#node-js']);
    assert.deepEqual(await links('node.js 探针'), ['/systemtap/#node-js']);
  });

  await t.test('should fold full-width queries', async () => {
    assert.deepEqual(await links('ＳｙｓｔｅｍＴａｐ'), await links('systemtap'));
    assert.equal((await links('ＳｙｓｔｅｍＴａｐ')).length, 1);
  });

  await t.test('should match quoted phrases exactly', async () => {
    assert.deepEqual(await links('"RESTful API 版本号"'), ['/restful/#版本号']);
    assert.deepEqual(await links('"API RESTful"'), []);
  });

  await t.test('should rank title matches first', async () => {
    const posts = [
      makePost({ slug: 'body', title: '其他', sections: [{ anchor: null, heading: '', text: '这里提到 Kubernetes 一次。' }] }),
      makePost({ slug: 'title', title: 'Kubernetes 入门', sections: [{ anchor: null, heading: '', text: '正文没有那个词。' }] }),
    ];
    const dir = await writeOutput(await buildSearchFiles(posts, settings, { skipClient: true }));
    const outcome = await engineOnDisk(dir).search('kubernetes');
    assert.deepEqual(outcome.results.map((r) => r.fragment?.u), ['/title/', '/body/']);
  });

  await t.test('should put the post where the terms stand side by side first', async () => {
    const posts = [
      makePost({ slug: 'apart', title: 'SystemTap 手册', sections: [{ anchor: null, heading: '', text: 'SystemTap 很好用。内核探针也很有用。' }] }),
      makePost({ slug: 'adjacent', title: '追踪', sections: [{ anchor: null, heading: '', text: '用 SystemTap 探针追踪内核。' }] }),
    ];
    const dir = await writeOutput(await buildSearchFiles(posts, settings, { skipClient: true }));
    const outcome = await engineOnDisk(dir).search('SystemTap 探针');
    assert.deepEqual(outcome.results.map((r) => r.fragment?.u), ['/adjacent/', '/apart/']);
  });

  await t.test('should index words that are also object keys in JavaScript', async () => {
    const posts = [makePost({ slug: 'js', title: 'JS 笔记', sections: [{ anchor: null, heading: '', text: '不要修改 __proto__ 和 constructor 属性。' }] })];
    const dir = await writeOutput(await buildSearchFiles(posts, settings, { skipClient: true }));
    const found = engineOnDisk(dir);
    assert.equal((await found.search('__proto__')).results.length, 1);
    assert.equal((await found.search('constructor')).results.length, 1);
  });

  await t.test('should find nothing for words that are not there', async () => {
    assert.deepEqual(await links('没有的词'), []);
    assert.deepEqual(await links('zzzz'), []);
    assert.deepEqual(await links(''), []);
  });

  await t.test('should reuse tokenised posts when their hash has not changed, with the same files', async () => {
    const cache: SearchCache = new Map();
    const cold = await buildSearchFiles(fixturePosts(), settings, { skipClient: true, cache });
    assert.equal(lastSearchBuildStats?.cacheHits, 0);
    const cached = await buildSearchFiles(fixturePosts(), settings, { skipClient: true, cache });
    assert.equal(lastSearchBuildStats?.cacheHits, 4);
    assert.deepEqual(cached, cold);
    const changed = fixturePosts();
    changed[0].hash = 'edited';
    await buildSearchFiles(changed, settings, { skipClient: true, cache });
    assert.equal(lastSearchBuildStats?.cacheHits, 3);
  });

  await t.test('should write after edits, through a kept cache and composer, what a build without them writes', async () => {
    const cache: SearchCache = Object.assign(new Map(), { composer: new PostingsComposer() });
    await buildSearchFiles(fixturePosts(), settings, { skipClient: true, cache });
    // A retitled post (passage lengths kept), then a longer text (every post's weights change), then a post gone.
    const retitled = fixturePosts();
    retitled[1].title = `${retitled[1].title} 重写`;
    retitled[1].hash = 'retitled';
    const longer = fixturePosts();
    longer[0].hash = 'longer';
    longer[0].sections = [...longer[0].sections, { anchor: 'more', heading: '更多', text: '新增的段落：服务发现与负载均衡。' }];
    const fewer = fixturePosts().slice(1);
    for (const posts of [retitled, longer, retitled, fewer, fixturePosts()]) {
      const kept = await buildSearchFiles(posts, settings, { skipClient: true, cache });
      assert.deepEqual(kept, await buildSearchFiles(posts, settings, { skipClient: true }));
    }
  });

  await t.test('should put the site path prefix into result URLs', async () => {
    const prefixed = { ...settings, url: 'https://example.com/blog/' };
    const dir = await writeOutput(await buildSearchFiles(fixturePosts(), prefixed, { skipClient: true }));
    const outcome = await engineOnDisk(dir).search('用户名');
    assert.equal(outcome.results[0].fragment?.u, '/blog/restful/');
  });
});

test('statusText', async (t) => {
  const zh = searchStrings['zh-CN'];
  const strings = { empty: zh.searchNoResults, count: zh.searchResultCount, countMore: zh.searchResultCountMore };

  await t.test('should count every match of a word that needs no check, and say "at least" while some were not checked', async () => {
    // 服务 is one bigram: every post holding it matches, so all are counted though one is shown.
    assert.equal(statusText(await engine.search('服务', 1), strings), '找到 2 篇文章');
    assert.equal(statusText(await engine.search('服务'), strings), '找到 2 篇文章');
    const unchecked = { terms: [], results: [{ doc: 0, group: 0, score: 1 }, { doc: 1, group: 0, score: 1 }], exact: false, checked: 1 };
    assert.equal(statusText(unchecked, strings), '至少找到 1 篇文章');
    assert.equal(statusText(unchecked, { ...strings, countMore: undefined }), '找到 1+ 篇文章');
    // 服务发现's bigrams are in two posts, but only one has the word: one post, not two.
    assert.equal(statusText(await engine.search('服务发现'), strings), '找到 1 篇文章');
    assert.equal(statusText(await engine.search('没有的词'), strings), zh.searchNoResults);
  });
});

test('makeSnippet', async (t) => {
  await t.test('should mark the matched text as written, full-width included', () => {
    const parts = makeSnippet('用 ＳｙｓｔｅｍＴａｐ 探针 追踪', parseQuery('systemtap 探针'));
    assert.deepEqual(
      parts.filter((p) => p.mark).map((p) => p.text),
      ['ＳｙｓｔｅｍＴａｐ', '探针'],
    );
    assert.equal(parts.map((p) => p.text).join(''), '用 ＳｙｓｔｅｍＴａｐ 探针 追踪');
  });

  await t.test('should mark Latin words where the index starts a word: after `_`, not after a combining mark', () => {
    const marks = (text: string, query: string) => makeSnippet(text, parseQuery(query)).filter((p) => p.mark).map((p) => p.text);
    assert.deepEqual(marks('user_u:role_r', 'r'), ['r', 'r']);
    assert.deepEqual(marks('cafe\u0301s', 's'), []);
    assert.deepEqual(marks('Cafe\u0301 filesystem 系统systemtap', 'sys'), ['sys']);
  });

  await t.test('should cut a window around the first match', () => {
    const text = `${'前'.repeat(200)}服务发现${'后'.repeat(200)}`;
    const parts = makeSnippet(text, parseQuery('服务发现'), 60);
    assert.equal(parts[0].text, '…');
    assert.equal(parts.at(-1)?.text, '…');
    assert.deepEqual(parts.filter((p) => p.mark).map((p) => p.text), ['服务发现']);
  });
});

test('search beyond the text: terms, link items, pages', async (t) => {
  const post = (n: number, tags: string[] = []) => {
    const made = makePost({ slug: `p${n}`, title: `第 ${n} 篇`, categories: n % 2 === 0 ? ['运维笔记'] : [], sections: [{ anchor: null, heading: '', text: `开源项目的第 ${n} 次发布。` }] });
    made.tags = tags;
    return made;
  };
  const posts = Array.from({ length: 45 }, (_, i) => post(45 - i, i === 3 ? ['排障'] : []));
  const digest = makePost({ slug: 'digest', title: '周刊', sections: [{ anchor: '工具', heading: '工具', text: 'ripgrep\n比 grep 快的搜索工具。' }] });
  const links: LinkEntry[] = [
    { ...linkItem('ripgrep', 'https://github.com/BurntSushi/ripgrep', '比 grep 快的搜索工具。', '工具'), depth: 0, section: '工具', shape: 'paragraph', post: digest, tags: [], tagSlugs: [] },
  ];
  const found = engineOnDisk(await writeOutput(await buildSearchFiles([digest, ...posts], settings, { skipClient: true, links })));

  await t.test('should find a post by its tag and by its category', async () => {
    assert.deepEqual((await found.search('排障')).results.map((r) => r.fragment?.u), ['/p42/']);
    assert.equal((await found.search('运维笔记')).results.length, 22);
  });

  await t.test('should find a link item as itself: its title, its URL, the post it is in', async () => {
    const { results } = await found.search('ripgrep');
    assert.equal(results.length, 1);
    assert.deepEqual([results[0].fragment?.h, results[0].fragment?.l, results[0].fragment?.t], ['ripgrep', 'https://github.com/BurntSushi/ripgrep', '周刊']);
  });

  await t.test('should count every match and page through all of them without overlap', async () => {
    const first = await found.search('开源', 20, 0);
    assert.equal(first.results.length, 45);
    assert.ok(first.exact);
    const pages = await Promise.all([0, 20, 40].map(async (skip) => (await found.search('开源', 20, skip)).results.filter((r) => r.fragment).map((r) => r.fragment!.u)));
    assert.deepEqual(pages.map((page) => page.length), [20, 20, 5]);
    assert.equal(new Set(pages.flat()).size, 45);
    // A term that needs its characters checked pages the same way.
    const checked = await Promise.all([0, 20, 40].map(async (skip) => (await found.search('开源项目', 20, skip)).results.filter((r) => r.fragment).length));
    assert.deepEqual(checked, [20, 20, 5]);
  });

  await t.test('should rank the same way each time a query is asked, whichever page was asked before', async () => {
    // The engine keeps a word's ranking between queries: asking for a page must not reorder or mark it.
    const ranked = async (query: string, skip: number) => (await found.search(query, 5, skip)).results;
    for (const query of ['开源', '开源 发布']) {
      const first = await ranked(query, 0);
      await ranked(query, 20);
      const again = await ranked(query, 10);
      assert.deepEqual(again.map((r) => r.doc), first.map((r) => r.doc), query);
      assert.deepEqual(again.map((r) => Boolean(r.fragment)), again.map((_, i) => i >= 10 && i < 15), query);
      // Past the page, best score first, then the newest post (posts are numbered oldest first; the page itself puts side-by-side terms first).
      const rest = again.slice(15);
      rest.slice(1).forEach((r, i) => assert.ok(rest[i].score > r.score || (rest[i].score === r.score && rest[i].doc > r.doc), `${query}: ${i}`));
    }
  });
});
