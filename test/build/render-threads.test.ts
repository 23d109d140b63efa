import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { BuildContext } from '../../src/build/context.ts';
import { RenderError } from '../../src/errors.ts';
import { RenderPool, threadsFor } from '../../src/content/render-pool.ts';
import { RenderCache, type RenderRequest } from '../../src/content/render-cache.ts';
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

  await t.test('should start the threads before the posts are read when the cache cannot hold them all, and hand them to the batch', async () => {
    const requests = Array.from({ length: 6 }, (_, index): RenderRequest => ({
      sourceFile: `/nowhere/post-${index}.md`,
      hash: `h${index}`,
      file: `content/posts/post-${index}.md`,
      body: `## 第 ${index} 节\n\n正文 ${index}。\n\n\`\`\`go\nfunc main() { println(${index}) }\n\`\`\`\n`,
      lineOffset: 0,
      extractTitle: false,
      excerptLength: 200,
      linkItemShapes: [],
      hexoTags: false,
    }));
    const expected = await Promise.all(requests.map((request) => renderPost(request)));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-render-threads-cache-'));
    t.after(() => rm(dir, { recursive: true, force: true }));

    // An empty cache: six posts are six renders, enough for the threads (minPosts 4), which start at once.
    const cold = new RenderCache({ dir, threads: { threads: 2, minPosts: 4 } });
    cold.expectPosts(requests.length);
    assert.equal(await cold.threadsStandingBy(), 2);
    const rendered = await cold.renderAll(requests);
    assert.equal(cold.threadsUsed, 2, 'the batch rendered in the threads started ahead');
    assert.equal(await cold.threadsStandingBy(), 0, 'taken by the batch');
    assert.deepEqual(rendered.map(({ fromCache, ...result }) => (assert.equal(fromCache, false), result)), expected);
    await cold.threadsEnded();

    // Every post may be in the cache now: no thread starts ahead of a batch that may need none.
    const warm = new RenderCache({ dir, threads: { threads: 2, minPosts: 4 } });
    warm.expectPosts(requests.length);
    assert.equal(await warm.threadsStandingBy(), 0);
    assert.ok((await warm.renderAll(requests)).every((outcome) => outcome.fromCache));

    // Threads started for a batch that turns out to have too few renders are closed; the posts render here.
    const few = new RenderCache({ threads: { threads: 2, minPosts: 4 } });
    few.expectPosts(requests.length);
    assert.equal(await few.threadsStandingBy(), 2);
    const two = await few.renderAll(requests.slice(0, 2));
    assert.equal(few.threadsUsed, 0);
    assert.deepEqual(two.map(({ fromCache: _, ...result }) => result), expected.slice(0, 2));
  });

  await t.test('should let the process exit when no batch takes the threads started ahead', () => {
    // A build that stops between listing the posts and rendering them (a content error) must not hang on its threads.
    const script = `
      import { RenderCache } from ${JSON.stringify(path.join(repoDir, 'src/content/render-cache.ts'))};
      const cache = new RenderCache({ threads: { threads: 2, minPosts: 0 } });
      cache.expectPosts(10);
      console.log(await cache.threadsStandingBy());
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoDir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.signal, null, 'the process ended by itself, not by the 120 s ceiling');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), '2', 'the threads had started');
  });

  await t.test('should end the threads started ahead when the batch is called off, before threadsEnded settles', () => {
    // A build that stops at reading errors renders nothing (loadPosts `stopAtReadingErrors`). In a fresh process, so
    // no other test's threads are counted; it waits for both threads to run before calling the batch off.
    const script = `
      import { RenderCache } from ${JSON.stringify(path.join(repoDir, 'src/content/render-cache.ts'))};
      // tsx's module loader runs in a thread of its own: counted from here.
      const base = process.report.getReport().workers.length;
      const running = () => process.report.getReport().workers.length - base;
      const cache = new RenderCache({ threads: { threads: 2, minPosts: 0 } });
      cache.expectPosts(10);
      await cache.threadsStandingBy();
      const ceiling = Date.now() + 60_000;
      while (running() < 2 && Date.now() < ceiling) await new Promise((resolve) => setTimeout(resolve, 50));
      const started = running();
      cache.forgetExpectedPosts();
      await cache.threadsEnded();
      console.log(JSON.stringify({ started, left: running(), standingBy: await cache.threadsStandingBy() }));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoDir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout.trim()), { started: 2, left: 0, standingBy: 0 });
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
