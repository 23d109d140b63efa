import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdir, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { ContentFolderError, loadPosts, type LoadPostsResult } from '../../src/content/load-posts.ts';
import { RenderCache } from '../../src/content/render-cache.ts';
import type { Post } from '../../src/content/post.ts';
import { formatPlace, type Problem } from '../../src/problems.ts';
import { makeProject, settingsWith } from './helpers.ts';

const NOW = new Date('2026-01-01T00:00:00Z');

async function load(
  files: Record<string, string | Uint8Array>,
  settings: Record<string, unknown> = {},
  mode: 'build' | 'serve' = 'build',
): Promise<LoadPostsResult & { projectDir: string }> {
  const projectDir = await makeProject(files);
  const result = await loadPosts(settingsWith(settings), { projectDir, mode, now: NOW });
  return { ...result, projectDir };
}

function byFile(posts: Post[], file: string): Post {
  const post = posts.find((p) => p.file === file);
  assert.ok(post, `no post for ${file}; got ${posts.map((p) => p.file).join(', ')}`);
  return post;
}

const places = (problems: Problem[], ruleId: string): string[] =>
  problems.filter((p) => p.ruleId === ruleId).map((p) => formatPlace(p));

const weekly = `---
title: Weekly reading list
date: 2016-12-05 07:59:01
category: Readings
tags: []
---

## [Kompose](http://example.com/kompose)

把 docker-compose.yml 转换为 Kubernetes 资源。
`;

test('loadPosts: dates and URLs', async (t) => {
  await t.test('should put a 07:59 Beijing-time post under its Beijing day', async () => {
    const { posts, problems } = await load({ 'content/_posts/Alpine Linux.md': weekly });
    assert.deepEqual(problems, []);
    const post = byFile(posts, 'content/_posts/Alpine Linux.md');
    assert.equal(post.url, '/2016/12/05/Alpine-Linux/');
    assert.equal(post.date.toISOString(), '2016-12-04T23:59:01.000Z');
    assert.equal(post.dateSource, 'front-matter');
  });

  await t.test('should put it under the UTC day with urlTimezone UTC', async () => {
    const { posts } = await load({ 'content/_posts/Alpine Linux.md': weekly }, { urlTimezone: 'UTC' });
    assert.equal(posts[0].url, '/2016/12/04/Alpine-Linux/');
  });

  await t.test('should keep Chinese in URLs and never make an empty one', async () => {
    const { posts } = await load({
      'content/posts/容器网络接口.md': '---\ndate: 2017-01-02\n---\n正文。\n',
      'content/posts/!!!.md': '---\ndate: 2017-01-03\n---\n正文。\n',
    });
    assert.equal(byFile(posts, 'content/posts/容器网络接口.md').url, '/2017/01/02/容器网络接口/');
    assert.match(byFile(posts, 'content/posts/!!!.md').url, /^\/2017\/01\/03\/[0-9a-f]{8}\/$/);
  });

  await t.test('should let a front-matter permalink win and report posts that share a URL', async () => {
    const { posts, problems } = await load({
      'content/a.md': '---\ndate: 2017-01-02\npermalink: about\n---\nA\n',
      'content/b.md': '---\ndate: 2017-01-03\npermalink: /about/\n---\nB\n',
      'content/c.md': '---\ndate: 2017-01-04\npermalink: /c.html\n---\nC\n',
    });
    assert.deepEqual(posts.map((p) => p.url).sort(), ['/about/', '/c.html']);
    const collision = problems.find((p) => p.ruleId === 'duplicate-url');
    assert.ok(collision);
    assert.equal(collision.severity, 'error');
    assert.equal(formatPlace(collision), 'content/b.md:3:12');
    assert.equal(
      collision.message,
      'content/a.md and content/b.md both want the URL /about/. Give one a `permalink:` or rename it.',
    );
  });

  await t.test('should date by file name, then git, then mtime with a warning', async () => {
    const projectDir = await makeProject({
      'content/notes/2019-03-14-ebpf-intro.md': '# eBPF 入门\n\n正文。\n',
      'content/notes/committed.md': '# Committed\n\n正文。\n',
      'content/notes/未提交 笔记.md': '# Uncommitted\n\n正文。\n',
    });
    const git = (args: string[], env: Record<string, string> = {}) =>
      execFileSync('git', args, { cwd: projectDir, env: { ...process.env, ...env }, stdio: 'pipe' });
    const when = '2018-05-06T07:08:09+08:00';
    git(['init', '-q']);
    git(['add', 'content/notes/committed.md', 'content/notes/2019-03-14-ebpf-intro.md']);
    git(['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'add'], {
      GIT_AUTHOR_DATE: when,
      GIT_COMMITTER_DATE: when,
    });
    const mtime = new Date('2020-02-02T02:02:02Z');
    await utimes(path.join(projectDir, 'content/notes/未提交 笔记.md'), mtime, mtime);

    const { posts, problems } = await loadPosts(settingsWith(), { projectDir, mode: 'build', now: NOW });
    const named = byFile(posts, 'content/notes/2019-03-14-ebpf-intro.md');
    assert.equal(named.dateSource, 'file-name');
    assert.equal(named.url, '/2019/03/14/notes/ebpf-intro/');
    const committed = byFile(posts, 'content/notes/committed.md');
    assert.equal(committed.dateSource, 'git');
    assert.equal(committed.date.toISOString(), '2018-05-05T23:08:09.000Z');
    assert.equal(committed.title, 'Committed');
    assert.ok(!committed.html.includes('Committed'), committed.html);
    const loose = byFile(posts, 'content/notes/未提交 笔记.md');
    assert.equal(loose.dateSource, 'mtime');
    assert.equal(loose.date.toISOString(), mtime.toISOString());
    const warnings = problems.filter((p) => p.ruleId === 'no-date');
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].severity, 'warning');
    assert.equal(warnings[0].file, 'content/notes/未提交 笔记.md');
    assert.match(warnings[0].message, /^The post has no date; using its modification time.*Add `date:`/);
    assert.deepEqual(posts.map((p) => p.file), [
      'content/notes/未提交 笔记.md',
      'content/notes/2019-03-14-ebpf-intro.md',
      'content/notes/committed.md',
    ]);
  });

  await t.test('should skip future posts unless futurePosts, and count them', async () => {
    const files = {
      'content/past.md': '---\ndate: 2025-12-31 23:00\n---\nx\n',
      'content/future.md': '---\ndate: 2026-01-02\n---\nx\n',
    };
    const built = await load(files);
    assert.deepEqual(built.posts.map((p) => p.file), ['content/past.md']);
    assert.deepEqual(built.skipped, { future: 1, drafts: 0 });
    const withFuture = await load(files, { futurePosts: true });
    assert.deepEqual(withFuture.posts.map((p) => p.file), ['content/future.md', 'content/past.md']);
  });
});

test('loadPosts: which files and which posts', async (t) => {
  const files = {
    'source/_posts/k8s/2016-12-05-pod.md': '---\ntitle: Pod\ndate: 2016-12-05\n---\nx\n',
    'source/_drafts/wip.md': '---\ntitle: WIP\ndate: 2016-12-06\n---\nx\n',
    'source/_posts/hidden.md': '---\ntitle: Hidden\ndate: 2016-12-07\ndraft: true\n---\nx\n',
    'source/_posts/unpublished.markdown': '---\ntitle: Unpublished\ndate: 2016-12-08\npublished: false\n---\nx\n',
    'source/_private/secret.md': '# secret\n',
    'source/.obsidian/x.md': '# x\n',
    'source/node_modules/pkg/README.md': '# pkg\n',
    'source/_posts/_partial.md': '# partial\n',
    'source/notes/README.md': '---\ndate: 2016-12-09\n---\n# 笔记索引\n\n正文\n',
    'source/image.png': 'not markdown',
  };

  await t.test('should read a Hexo source folder and leave drafts out of a build', async () => {
    const { posts, skipped } = await load(files, { contentDir: 'source' });
    assert.deepEqual(posts.map((p) => p.file), ['source/notes/README.md', 'source/_posts/k8s/2016-12-05-pod.md']);
    assert.equal(byFile(posts, 'source/_posts/k8s/2016-12-05-pod.md').url, '/2016/12/05/k8s/pod/');
    assert.equal(byFile(posts, 'source/notes/README.md').title, '笔记索引');
    assert.deepEqual(skipped, { future: 0, drafts: 3 });
  });

  await t.test('should show drafts when serving, marked as drafts', async () => {
    const { posts } = await load(files, { contentDir: 'source' }, 'serve');
    assert.equal(posts.length, 5);
    assert.deepEqual(posts.filter((p) => p.draft).map((p) => p.title).sort(), ['Hidden', 'Unpublished', 'WIP']);
    assert.equal(byFile(posts, 'source/_drafts/wip.md').url, '/2016/12/06/wip/');
  });

  await t.test('should not ask a draft for a date', async () => {
    const { posts, problems } = await load({ 'content/_drafts/idea.md': '# Idea\n\nLater.\n' }, {}, 'serve');
    const loadedNow = await loadPosts(settingsWith(), { projectDir: await makeProject({ 'content/_drafts/idea.md': '# Idea\n' }), mode: 'serve' });
    assert.deepEqual([problems, loadedNow.problems], [[], []]);
    assert.equal(loadedNow.posts[0].dateSource, 'mtime');
    assert.equal(posts.length, 0, 'a draft dated by mtime after `now` is still a future post');
  });

  await t.test('should accept a content folder given as an option, absolute or relative', async () => {
    const projectDir = await makeProject(files);
    const absolute = await loadPosts(settingsWith(), { projectDir, contentDir: path.join(projectDir, 'source'), mode: 'build' });
    assert.equal(absolute.posts.length, 2);
  });
});

test('loadPosts: every Hexo front matter form', async (t) => {
  await t.test('should read closing-only YAML, ;;; JSON and quoted dates alike', async () => {
    const { posts, problems } = await load({
      'content/closing.md': 'title: Closing only\ndate: 2016-12-05 07:59:01\ntags: Go\n---\n\n正文。\n',
      'content/json.md': '"title": "JSON",\n"date": "2016-12-05 07:59:01",\n"tags": ["Go"]\n;;;\n正文。\n',
      'content/braced.md': ';;;\n{"title": "Braced", "date": "2016/12/05 07:59:01"}\n;;;\n正文。\n',
      'content/quoted.md': '---\ntitle: Quoted\ndate: "2016-12-05 07:59:01"\n---\n正文。\n',
    });
    assert.deepEqual(problems, []);
    const summary = posts.map((p) => [p.title, p.date.toISOString(), p.frontMatterTags.join()]).sort();
    assert.deepEqual(summary, [
      ['Braced', '2016-12-04T23:59:01.000Z', ''],
      ['Closing only', '2016-12-04T23:59:01.000Z', 'Go'],
      ['JSON', '2016-12-04T23:59:01.000Z', 'Go'],
      ['Quoted', '2016-12-04T23:59:01.000Z', ''],
    ]);
    for (const post of posts) assert.equal(post.html.trim(), '<p>正文。</p>');
  });
});

test('loadPosts: titles, categories, tags', async (t) => {
  await t.test('should take the title from the first # heading and drop it from the body', async () => {
    // No date anywhere: the file's mtime (now) is after NOW, hence futurePosts.
    const { posts } = await load(
      { 'content/notes/alpine.md': '# Alpine Linux 使用笔记\n\nAlpine 基于 musl。\n\n---\n\n更多。\n' },
      { futurePosts: true },
    );
    const post = posts[0];
    assert.equal(post.title, 'Alpine Linux 使用笔记');
    assert.ok(!post.html.includes('Alpine Linux 使用笔记'), post.html);
    assert.match(post.html, /<hr/);
  });

  await t.test('should fall back to the file name without date prefix', async () => {
    const { posts } = await load({ 'content/2016-12-05-service_mesh-对比.md': '正文没有标题。\n' });
    assert.equal(posts[0].title, 'service mesh 对比');
  });

  await t.test('should read category hierarchies, several paths and numbers', async () => {
    const { posts, problems } = await load({
      'content/a.md': '---\ndate: 2016-01-01\ncategories: [Cloud, Kubernetes]\ntags: Go\n---\nx\n',
      'content/b.md': '---\ndate: 2016-01-02\ncategories:\n  - [Cloud, Kubernetes]\n  - [Linux]\ntags:\n---\nx\n',
      'content/c.md': '---\ntitle: 2016\ndate: 2016-01-03\ncategory: Readings\ntags: [2016, Go, Go]\n---\nx\n',
      'content/d.md': '---\ndate: 2016-01-04\ntags: []\n---\nx\n',
    }, { permalink: '/:category/:title/' });
    assert.deepEqual(problems, []);
    const a = byFile(posts, 'content/a.md');
    assert.deepEqual([a.categories, a.frontMatterTags, a.tags, a.url], [['Cloud', 'Kubernetes'], ['Go'], ['Go'], '/cloud/kubernetes/a/']);
    const b = byFile(posts, 'content/b.md');
    assert.deepEqual([b.categories, b.categoryPaths, b.frontMatterTags], [['Cloud', 'Kubernetes'], [['Cloud', 'Kubernetes'], ['Linux']], []]);
    const c = byFile(posts, 'content/c.md');
    assert.deepEqual([c.title, c.categories, c.frontMatterTags], ['2016', ['Readings'], ['2016', 'Go']]);
    const d = byFile(posts, 'content/d.md');
    assert.deepEqual([d.categories, d.frontMatterTags, d.url], [[], [], '/uncategorized/d/']);
    assert.deepEqual([d.autoTags, d.categoryRefs, d.tagRefs], [[], [], []]);
  });

  await t.test('should slug :category like the category pages, with categoryMap', async () => {
    const { posts } = await load(
      { 'content/a.md': '---\ndate: 2016-01-01\ncategories: [Cloud Native, 容器 网络]\n---\nx\n' },
      { permalink: '/:category/:title/', categoryMap: { 'Cloud Native': 'cn' } },
    );
    assert.equal(posts[0].url, '/cn/容器-网络/a/');
  });

  await t.test('should take the category from the folder or the default when asked', async () => {
    const files = {
      // Not a Hexo source (no _posts/), so loose.md is a post, not a page.
      'content/posts/Cloud/Kubernetes/pod.md': '---\ndate: 2016-01-01\n---\nx\n',
      'content/loose.md': '---\ndate: 2016-01-02\n---\nx\n',
      'content/posts/own.md': '---\ndate: 2016-01-03\ncategory: Mine\n---\nx\n',
    };
    const { posts } = await load(files, { categoryFromFolder: true, defaultCategory: '未分类' });
    assert.deepEqual(byFile(posts, 'content/posts/Cloud/Kubernetes/pod.md').categories, ['Cloud', 'Kubernetes']);
    assert.deepEqual(byFile(posts, 'content/loose.md').categories, ['未分类']);
    assert.deepEqual(byFile(posts, 'content/posts/own.md').categories, ['Mine']);
    const plain = await load(files);
    assert.deepEqual(byFile(plain.posts, 'content/posts/Cloud/Kubernetes/pod.md').categories, []);
  });

  await t.test('should keep unknown keys in data', async () => {
    const { posts } = await load({ 'content/a.md': '---\ndate: 2016-01-01\nseries: k8s\nlayout: post\ncomments: false\n---\nx\n' });
    assert.deepEqual(posts[0].data, { date: '2016-01-01', series: 'k8s', layout: 'post', comments: false });
  });
});

test('loadPosts: excerpts, summaries, reading time', async (t) => {
  await t.test('should cut the automatic excerpt at 。 and never inside a code block', async () => {
    const body = `${'第一段文字很长。'.repeat(15)}\n\n\`\`\`go\nfunc main() { fmt.Println("不应出现在摘要里") }\n\`\`\`\n\n${'后面的文字。'.repeat(30)}\n`;
    const { posts } = await load({ 'content/a.md': `---\ntitle: A\ndate: 2016-01-01\n---\n${body}` });
    const post = posts[0];
    assert.ok(post.excerptHtml.includes('第一段文字很长。'));
    assert.ok(!post.excerptHtml.includes('fmt.Println'), post.excerptHtml);
    assert.ok(post.summary.endsWith('。'), post.summary);
    assert.ok([...post.summary].length <= 160);
    assert.ok(!post.summary.includes('fmt'));
  });

  await t.test('should prefer <!-- more --> and then the description', async () => {
    const { posts } = await load({
      'content/more.md': '---\ndate: 2016-01-01\ndescription: 不用这个\n---\n开头一段。\n\n<!-- more -->\n\n后文。\n',
      'content/desc.md': '---\ndate: 2016-01-02\ndescription: 用 **Markdown** 写的简介。\n---\n正文第一段。\n',
    });
    const more = byFile(posts, 'content/more.md');
    assert.match(more.excerptHtml, /开头一段。/);
    assert.ok(!more.excerptHtml.includes('后文'));
    const desc = byFile(posts, 'content/desc.md');
    assert.match(desc.excerptHtml, /<strong>Markdown<\/strong>/);
    assert.equal(desc.summary, '用 Markdown 写的简介。');
  });

  await t.test('should count mixed Chinese and English without code', async () => {
    const han = '服务网格'.repeat(200); // 800 Han characters: 2 minutes
    const words = 'sidecar proxy latency '.repeat(110); // 330 words: 1.5 minutes
    const { posts } = await load({
      'content/a.md': `---\ndate: 2016-01-01\n---\n${han}\n\n${words}\n\n\`\`\`\n${'代码'.repeat(500)}\n\`\`\`\n`,
    });
    assert.deepEqual(posts[0].readingTime, { minutes: 4, hanChars: 800, latinWords: 330 });
  });
});

test('loadPosts: problems', async (t) => {
  await t.test('should report bad dates, YAML, UTF-8 and types at their place, all together', async () => {
    const gbk = Buffer.concat([Buffer.from('---\ntitle: x\n---\n正文\nab'), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from('\n')]);
    const { posts, problems } = await load({
      'content/a.md': '---\ntitle: A\ndate: 2016-13-45\n---\nx\n',
      'content/b.md': '---\ntitle: B\ntags: [a, b\ndate: 2016-12-05\n---\nx\n',
      'content/c.md': gbk,
      'content/d.md': '---\ntitle: [a, b]\ndate: 2016-12-05\n---\nx\n',
      'content/e.md': '\n  \n',
      'content/ok.md': '---\ndate: 2016-12-05\n---\nx\n',
    });
    assert.deepEqual(posts.map((p) => p.file), ['content/ok.md']);
    assert.deepEqual(places(problems, 'front-matter-date'), ['content/a.md:3:7']);
    assert.equal(
      problems.find((p) => p.ruleId === 'front-matter-date')?.message,
      '`date: 2016-13-45` is not a date. Write it as YYYY-MM-DD HH:mm:ss.',
    );
    assert.deepEqual(places(problems, 'front-matter-syntax'), ['content/b.md:4:1']);
    assert.deepEqual(places(problems, 'invalid-utf8'), ['content/c.md:5:3']);
    assert.deepEqual(places(problems, 'front-matter-type'), ['content/d.md:2:8']);
    assert.deepEqual(places(problems, 'empty-file'), ['content/e.md:1:1']);
    assert.equal(problems.find((p) => p.ruleId === 'empty-file')?.severity, 'warning');
    for (const problem of problems) assert.ok(!problem.message.startsWith('Error'), problem.message);
  });

  await t.test('should render nothing once reading met an error, when asked to stop there, and count what it left', async () => {
    const files = {
      'content/bad.md': '---\ntitle: [broken\ndate: 2016-12-05\n---\nx\n',
      'content/good.md': '---\ndate: 2016-12-06\n---\nfine\n',
      // A problem only rendering finds: reported by a load that renders, not by one that stopped.
      'content/deep.md': `---\ndate: 2016-12-07\n---\n${Array.from({ length: 200 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n')}\n`,
    };
    const projectDir = await makeProject(files);
    const options = { projectDir, mode: 'build' as const, now: NOW };
    const stopped = await loadPosts(settingsWith(), { ...options, stopAtReadingErrors: true });
    assert.deepEqual(stopped.renders, { rendered: 0, cached: 0 });
    assert.equal(stopped.unrendered, 2);
    assert.deepEqual(stopped.posts, []);
    assert.deepEqual(stopped.problems.filter((p) => p.severity === 'error').map((p) => `${formatPlace(p)} ${p.ruleId}`), ['content/bad.md:3:1 front-matter-syntax']);

    const whole = await loadPosts(settingsWith(), options);
    assert.deepEqual(whole.renders, { rendered: 2, cached: 0 });
    assert.equal(whole.unrendered, 0);
    assert.deepEqual(whole.posts.map((p) => p.file), ['content/good.md']);
    assert.deepEqual(places(whole.problems, 'nesting-too-deep').map((place) => place.split(':')[0]), ['content/deep.md']);
    assert.ok(whole.problems.some((p) => p.ruleId === 'front-matter-syntax'));

    // With nothing wrong in reading, the option changes nothing.
    const fixed = await makeProject({ ...files, 'content/bad.md': '---\ntitle: mended\ndate: 2016-12-05\n---\nx\n' });
    const mended = await loadPosts(settingsWith(), { ...options, projectDir: fixed, stopAtReadingErrors: true });
    assert.deepEqual(mended.renders, { rendered: 3, cached: 0 });
    assert.deepEqual(places(mended.problems, 'nesting-too-deep').map((place) => place.split(':')[0]), ['content/deep.md']);
  });

  await t.test('should stop with a named error when the content folder is missing', async () => {
    const projectDir = await makeProject({ 'weeklog.config.yml': '' });
    await assert.rejects(loadPosts(settingsWith(), { projectDir, mode: 'build' }), (error: unknown) => {
      assert.ok(error instanceof ContentFolderError);
      assert.match(error.message, /content folder .*content cannot be read\. Create it, or set `contentDir`/);
      assert.equal((error.cause as NodeJS.ErrnoException).code, 'ENOENT');
      return true;
    });
  });

  await t.test('should report a file that cannot be read', async () => {
    const projectDir = await makeProject({ 'content/ok.md': '---\ndate: 2016-12-05\n---\nx\n' });
    await symlink(path.join(projectDir, 'nowhere.md'), path.join(projectDir, 'content/dangling.md'));
    const { posts, problems } = await loadPosts(settingsWith(), { projectDir, mode: 'build', now: NOW });
    assert.equal(posts.length, 1);
    const unreadable = problems.find((p) => p.ruleId === 'unreadable-file');
    assert.equal(unreadable?.file, 'content/dangling.md');
    assert.equal(unreadable?.severity, 'error');
    assert.match(unreadable?.message ?? '', /cannot be read \(ENOENT\)/);
  });

  await t.test('should read a BOM and CRLF file with lines counted from the real file', async () => {
    const text = '\ufeff---\r\ntitle: Windows\r\ndate: 2016-12-05\r\n---\r\n\r\n正文。\r\n\r\n```conf\r\nx = 1\r\n```\r\n\r\n![](img/none.png)\r\n';
    const { posts, problems } = await load({ 'content/win.md': text });
    assert.equal(posts.length, 1);
    assert.equal(posts[0].title, 'Windows');
    assert.ok(!posts[0].html.includes('\r'));
    assert.deepEqual(places(problems, 'missing-asset'), ['content/win.md:12:1']);
    assert.equal(
      problems.find((p) => p.ruleId === 'missing-asset')?.message,
      'Image `img/none.png` not found (looked in content/img/none.png). Fix the path or add the file.',
    );
  });

  await t.test('should read a 1 MB post', async () => {
    const paragraph = '长文本 with English words 混排。'.repeat(50);
    const body = Array.from({ length: 600 }, (_, i) => `## 第 ${i} 节\n\n${paragraph}\n`).join('\n');
    assert.ok(Buffer.byteLength(body) > 1_000_000);
    const { posts, problems } = await load({ 'content/long.md': `---\ndate: 2016-01-01\n---\n${body}` });
    assert.equal(problems.filter((p) => p.severity === 'error').length, 0);
    assert.equal(posts[0].headings.length, 600);
    assert.equal(posts[0].readingTime.hanChars, 600 * 50 * 5 + 600 * 2);
  });
});

test('loadPosts: assets', async (t) => {
  await t.test('should copy relative files next to the post URL and check root files in public/', async () => {
    const { posts, problems, projectDir } = await load({
      'content/posts/a.md': '---\ndate: 2016-12-05 07:59:01\n---\n![](img/a.png)\n\n![](/images/b.png)\n\n[pdf](/missing.pdf)\n',
      'content/posts/img/a.png': 'png',
      'public/images/b.png': 'png',
      'content/posts/b.md': '---\ndate: 2016-12-06\npermalink: /notes/b.html\n---\n![](img/a.png)\n',
    });
    assert.deepEqual(byFile(posts, 'content/posts/a.md').assetFiles, [
      { source: path.join(projectDir, 'content/posts/img/a.png'), output: '/2016/12/05/a/img/a.png' },
    ]);
    assert.deepEqual(byFile(posts, 'content/posts/b.md').assetFiles, [
      { source: path.join(projectDir, 'content/posts/img/a.png'), output: '/notes/img/a.png' },
    ]);
    assert.deepEqual(places(problems, 'missing-asset'), ['content/posts/a.md:8:1']);
    assert.match(problems[0].message, /^File `\/missing\.pdf` not found \(looked in public\/missing\.pdf\)/);
  });
});

test('loadPosts: cache', async (t) => {
  await t.test('should render only changed files on a second call', async () => {
    const projectDir = await makeProject({
      'content/a.md': '---\ndate: 2016-01-01\n---\nA\n',
      'content/b.md': '---\ndate: 2016-01-02\n---\nB\n',
      'content/c.md': '---\ndate: 2016-01-03\n---\nC\n',
    });
    // The cache a BuildContext owns across the rebuilds of `weeklog serve`.
    const options = { projectDir, mode: 'build' as const, now: NOW, renderCache: new RenderCache() };
    const first = await loadPosts(settingsWith(), options);
    assert.deepEqual(first.renders, { rendered: 3, cached: 0 });
    await writeFile(path.join(projectDir, 'content/b.md'), '---\ndate: 2016-01-02\n---\nB changed\n');
    const second = await loadPosts(settingsWith(), options);
    assert.deepEqual(second.renders, { rendered: 1, cached: 2 });
    assert.match(byFile(second.posts, 'content/b.md').html, /B changed/);
    const otherLength = await loadPosts(settingsWith({ excerptLength: 50 }), options);
    assert.deepEqual(otherLength.renders, { rendered: 3, cached: 0 });
  });
});

test('loadPosts with render threads', async (t) => {
  // Each render thread is a thread of this process; Linux lists them in /proc/self/task.
  const threads = async () => (await readdir('/proc/self/task')).length;
  await t.test('should return once the render threads have ended, not leaving them to end beside the caller', { skip: process.platform !== 'linux' }, async () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`content/_posts/p${i}.md`, `---\ntitle: P${i}\ndate: 2020-01-0${i + 1} 10:00:00\n---\n\nText ${i} with \`code\`.\n`]));
    const projectDir = await makeProject(files);
    // A first load in this thread starts what a process starts once (libuv's thread pool).
    await loadPosts(settingsWith({}), { projectDir, mode: 'build', now: NOW });
    const before = await threads();
    const renderCache = new RenderCache({ threads: { threads: 2, minPosts: 1 } });
    const { posts } = await loadPosts(settingsWith({}), { projectDir, mode: 'build', now: NOW, renderCache });
    assert.equal(renderCache.threadsUsed, 2);
    assert.equal(posts.length, 6);
    assert.equal(await threads(), before);
  });
});
