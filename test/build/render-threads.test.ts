import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { BuildContext } from '../../src/build/context.ts';
import { RenderError } from '../../src/errors.ts';
import { RenderPool, threadsFor } from '../../src/content/render-pool.ts';
import type { RenderRequest } from '../../src/content/render-cache.ts';
import { renderPost } from '../../src/content/render-post.ts';
import { buildSite } from '../../src/site/build.ts';
import { hashTree, projectDir as repoDir } from '../cli/helpers.ts';

/** The sample site (code blocks, tables, Chinese, images next to posts) and a post with problems. */
async function sampleProject(): Promise<string> {
  const project = await mkdtemp(path.join(os.tmpdir(), 'weeklog-render-threads-'));
  await cp(path.join(repoDir, 'content'), path.join(project, 'content'), { recursive: true });
  await writeFile(path.join(project, 'weeklog.config.yml'), 'title: Threads\nperPage: 4\n');
  await writeFile(
    path.join(project, 'content/posts/problems.md'),
    '---\ntitle: 有问题的文章\ndate: 2020-02-02 10:00:00\n---\n\n## 代码\n\n```stp\nprobe begin { exit() }\n```\n\n| 列 | 值 |\n| --- | --- |\n| a | 1 |\n\n```go\nfunc main() {\n',
  );
  return project;
}

async function build(project: string, renderThreads: { threads: number; minPosts: number } | null, cacheDir: string | null = null) {
  const outputDir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-render-threads-site-'));
  const context = new BuildContext({ projectDir: project, outputDir, cacheDir, problemsPrintedBy: 'caller', renderThreads });
  const summary = await buildSite({ projectDir: project, outputDir, cacheDir }, context);
  const files = await hashTree(outputDir);
  files.delete('.weeklog-output');
  await rm(outputDir, { recursive: true, force: true });
  return { summary, files, threadsUsed: context.renderCache.threadsUsed };
}

/** The files that differ between two sites, or exist in one only. */
function sameFiles(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((file) => a.get(file) !== b.get(file));
}

test('render threads', async (t) => {
  await t.test('should say how many threads a batch is worth', () => {
    assert.equal(threadsFor(10, { threads: 2, minPosts: 48 }), 0, 'a small batch stays in-process');
    assert.equal(threadsFor(1000, { threads: 2, minPosts: 48 }), 2);
    assert.equal(threadsFor(1000, { threads: 0 }), 0);
    assert.equal(threadsFor(1, { threads: 4, minPosts: 0 }), 1, 'never more threads than posts');
  });

  await t.test('should build the same bytes and report the same problems with threads as in-process', async () => {
    const project = await sampleProject();
    t.after(() => rm(project, { recursive: true, force: true }));
    const threaded = await build(project, { threads: 2, minPosts: 0 });
    const inProcess = await build(project, null);
    assert.equal(threaded.threadsUsed, 2);
    assert.equal(inProcess.threadsUsed, 0);
    assert.ok(threaded.files.size > 50, `a whole site was built (${threaded.files.size} files)`);
    assert.deepEqual(sameFiles(threaded.files, inProcess.files), []);
    assert.equal(threaded.summary.posts, inProcess.summary.posts);
    // Problems found inside a thread keep their file, line and column.
    const inProblemPost = threaded.summary.problems.filter((problem) => problem.file.endsWith('problems.md'));
    assert.ok(inProblemPost.some((problem) => problem.line > 1), JSON.stringify(inProblemPost));
    assert.deepEqual(threaded.summary.problems, inProcess.summary.problems);
  });

  await t.test('should build the same bytes when the threads store the posts in the render cache and the build reads them back', async () => {
    const project = await sampleProject();
    t.after(() => rm(project, { recursive: true, force: true }));
    const inProcess = await build(project, null);
    const cacheDir = path.join(project, '.cache/weeklog');
    const stored = await build(project, { threads: 2, minPosts: 0 }, cacheDir);
    assert.equal(stored.threadsUsed, 2);
    const entries = await readdir(path.join(cacheDir, 'render'));
    assert.equal(entries.filter((name) => name.endsWith('.json')).length, stored.summary.posts, 'one entry per post, written by the threads');
    assert.deepEqual(sameFiles(stored.files, inProcess.files), []);
    assert.deepEqual(stored.summary.problems, inProcess.summary.problems);

    // A cache folder the threads cannot write (a file stands in its place): they send the results instead.
    const blocked = path.join(project, 'blocked');
    await writeFile(blocked, 'not a folder');
    const sent = await build(project, { threads: 2, minPosts: 0 }, blocked);
    assert.equal(sent.threadsUsed, 2);
    assert.deepEqual(sameFiles(sent.files, inProcess.files), []);
    assert.equal(sent.summary.posts, inProcess.summary.posts);
  });

  await t.test('should refuse deeply nested raw HTML the same way in a thread as in-process', async () => {
    // A thread's stack is larger than the main thread's: a bound set by the stack let 1500 levels render in a thread.
    const request: RenderRequest = {
      sourceFile: '/nowhere/deep.md',
      hash: 'deep',
      file: 'content/posts/deep.md',
      body: `${'<div>'.repeat(1500)}x${'</div>'.repeat(1500)}\n`,
      lineOffset: 0,
      extractTitle: false,
      excerptLength: 200,
      linkItemShapes: [],
      hexoTags: false,
    };
    const pool = new RenderPool(1);
    t.after(() => pool.close());
    const inThread = await pool.render(request);
    const inProcess = await renderPost(request);
    assert.deepEqual(inThread.rendered.problems, inProcess.rendered.problems);
    assert.deepEqual(inThread.rendered.problems.map((p) => [p.line, p.ruleId]), [[1, 'nesting-too-deep']]);
  });

  await t.test('should render a post that outgrows a thread\'s heap bound again, alone, in a thread without the bound', async () => {
    // About 1 MB of prose needs more than 64 MB of old generation; loading the parser and shiki needs about 30.
    const paragraph = '在服务发现的场景下，Kubernetes 的关键在于处理好负载均衡与分布式事务之间的权衡。我们最初用 etcd 实现容器，后来发现探针才是真正的瓶颈。\n\n';
    const request: RenderRequest = {
      sourceFile: '/nowhere/big.md',
      hash: 'big',
      file: 'content/posts/big.md',
      body: `## 长文\n\n${paragraph.repeat(4500)}`,
      lineOffset: 0,
      extractTitle: false,
      excerptLength: 200,
      linkItemShapes: [],
      hexoTags: false,
    };
    const pool = new RenderPool(1, { oldGenerationMb: 48 });
    t.after(() => pool.close());
    const big = await pool.render(request);
    assert.equal(pool.retried, 1, 'the post ran out of the bounded heap and was rendered again');
    // The whole post, as any thread renders it: every paragraph, the heading with its id, no problems.
    assert.equal(big.rendered.html.split('<p>').length - 1, 4500);
    assert.match(big.rendered.html, /^<h2 id="长文">/u);
    assert.deepEqual(big.rendered.problems, []);
    // The thread that ran out was replaced: the pool goes on under the bound.
    const small = await pool.render({ ...request, body: '# 标题\n\n正文。\n' });
    assert.match(small.rendered.html, /正文。/u);
    assert.equal(pool.retried, 1);
  });

  await t.test('should turn an error thrown in a thread into a RenderError that names the post and keeps the cause', async () => {
    const pool = new RenderPool(1);
    t.after(() => pool.close());
    const request: RenderRequest = {
      sourceFile: '/nowhere/broken.md',
      hash: 'x',
      file: 'content/posts/broken.md',
      // Not a string: the parser throws, as a bug in a plugin would.
      body: 42 as unknown as string,
      lineOffset: 0,
      extractTitle: false,
      excerptLength: 200,
      linkItemShapes: [],
      hexoTags: false,
    };
    await assert.rejects(pool.render(request), (error: unknown) => {
      assert.ok(error instanceof RenderError, String(error));
      assert.match(error.message, /content\/posts\/broken\.md/u);
      assert.ok(error.cause instanceof Error, 'the cause crosses the thread');
      return true;
    });
    // The thread survives a failed post and renders the next one.
    const fine = await pool.render({ ...request, body: '# 标题\n\n正文。\n' });
    assert.match(fine.rendered.html, /正文。/u);
  });
});
