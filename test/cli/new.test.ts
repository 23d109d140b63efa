import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { runCli, tempDir } from './helpers.ts';

// 2026-11-22 12:00 UTC is 20:00 in Shanghai, ISO week 47; 2026-11-22 18:00 UTC is already Monday, week 48, there.
const noon = () => new Date('2026-11-22T12:00:00Z');
const evening = () => new Date('2026-11-22T18:00:00Z');

test('weeklog new', async (t) => {
  await t.test('should write a post with front matter in the site zone and refuse to overwrite it', async () => {
    const cwd = await tempDir('new');
    const first = await runCli(['new', 'Istio 与 Linkerd 对比', '--category', '云原生', '--tags', 'istio, linkerd'], { cwd, now: noon });
    const relative = 'content/posts/2026-11-22-istio-与-linkerd-对比.md';
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, `Created ${relative}\n`);
    assert.equal(
      await readFile(path.join(cwd, relative), 'utf8'),
      '---\ntitle: Istio 与 Linkerd 对比\ndate: 2026-11-22 20:00:00\ncategory: 云原生\ntags: [istio, linkerd]\n---\n\n\n',
    );

    const second = await runCli(['new', 'Istio 与 Linkerd 对比'], { cwd, now: noon });
    assert.equal(second.code, 1);
    assert.equal(second.stdout, '');
    assert.equal(second.stderr, `${relative} already exists; weeklog new never overwrites a post. Pick another title or edit that file.\n`);
  });

  await t.test("should start this week's reading list in the site language", async () => {
    const cwd = await tempDir('digest');
    await writeFile(path.join(cwd, 'weeklog.config.yml'), 'language: en\ntimezone: Asia/Shanghai\n');
    const run = await runCli(['new', '--digest'], { cwd, now: evening });
    assert.equal(run.code, 0, run.stderr);
    const relative = 'content/posts/2026-11-23-weekly-reading-list-2026-w48.md';
    assert.equal(run.stdout, `Created ${relative}\n`);
    const text = await readFile(path.join(cwd, relative), 'utf8');
    assert.match(text, /^---\ntitle: Weekly reading list — 2026-W48\ndate: 2026-11-23 02:00:00\ncategory: Readings\ntags: \[\]\n---\n/);
    assert.match(text, /\n<!-- more -->\n/);
    assert.match(text, /\n## \[Article title\]\(https:\/\/example\.com\/article\)\n/);
  });

  await t.test('should title the digest in Chinese for a zh-CN site', async () => {
    const cwd = await tempDir('digest-zh');
    const run = await runCli(['new', '--digest', '--draft'], { cwd, now: noon });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'Created content/_drafts/2026-11-22-每周阅读-2026-w47.md\n');
    const text = await readFile(path.join(cwd, 'content/_drafts/2026-11-22-每周阅读-2026-w47.md'), 'utf8');
    assert.match(text, /^---\ntitle: 每周阅读 — 2026-W47\n/);
  });

  await t.test('should quote titles YAML would misread', async () => {
    const cwd = await tempDir('quote');
    const run = await runCli(['new', 'Kubernetes: [beta] #1'], { cwd, now: noon });
    assert.equal(run.code, 0, run.stderr);
    const text = await readFile(path.join(cwd, 'content/posts/2026-11-22-kubernetes-beta-1.md'), 'utf8');
    assert.match(text, /^---\ntitle: 'Kubernetes: \[beta\] #1'\n/);
  });

  await t.test('should report usage errors with exit code 2', async () => {
    const cwd = await tempDir('usage');
    const noTitle = await runCli(['new'], { cwd, now: noon });
    assert.equal(noTitle.code, 2);
    assert.match(noTitle.stderr, /weeklog new needs a title/);
    const unknown = await runCli(['new', 'x', '--colour', 'red'], { cwd, now: noon });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--colour/);
  });

  await t.test('should exit 3 on a bad settings file', async () => {
    const cwd = await tempDir('settings');
    await writeFile(path.join(cwd, 'weeklog.config.yml'), 'langauge: en\n');
    const run = await runCli(['new', 'x'], { cwd, now: noon });
    assert.equal(run.code, 3);
    assert.match(run.stderr, /unknown setting `langauge`/);
  });
});
