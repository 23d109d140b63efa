import assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { fingerprintOf, rendererInputs } from '../../src/build/fingerprint.ts';
import { loadPosts } from '../../src/content/load-posts.ts';
import { RenderCache } from '../../src/content/render-cache.ts';
import { makeProject, settingsWith } from '../content/helpers.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const source = (text: string) => `---\ntitle: A\ndate: 2016-01-01\n---\n\n## 安装\n\n${text}\n\n\`\`\`js\nconst a = 1;\n\`\`\`\n`;

async function setUp() {
  const projectDir = await makeProject({
    'content/a.md': source('First text.'),
    'content/b.md': '---\ntitle: B\ndate: 2016-01-02\n---\n\nB text.\n',
  });
  const dir = path.join(projectDir, '.cache/weeklog/render');
  const load = (cache: RenderCache, settings = settingsWith()) => loadPosts(settings, { projectDir, mode: 'build', now: NOW, renderCache: cache });
  return { projectDir, dir, load };
}

const htmlOf = (posts: { file: string; html: string }[], file: string) => posts.find((post) => post.file === file)!.html;

/** Replaces the HTML in every stored entry, as a cache written by another renderer would have it. */
async function tamper(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    const entry = JSON.parse(await readFile(file, 'utf8'));
    entry.result.rendered.html = '<p>STALE</p>';
    await writeFile(file, JSON.stringify(entry));
  }
}

test('render cache on disk', async (t) => {
  await t.test('should let a new run reuse what an earlier one rendered, with the same result', async () => {
    const { dir, load } = await setUp();
    const first = await load(new RenderCache({ dir }));
    assert.deepEqual(first.renders, { rendered: 2, cached: 0 });
    const second = await load(new RenderCache({ dir }));
    assert.deepEqual(second.renders, { rendered: 0, cached: 2 });
    assert.deepEqual(second.posts, first.posts);
  });

  await t.test('should write whole entries atomically, readable by all (0644), and leave no temporary files', async () => {
    const { dir, load } = await setUp();
    await load(new RenderCache({ dir }));
    const names = await readdir(dir);
    assert.equal(names.length, 2);
    for (const name of names) {
      assert.match(name, /^[0-9a-f]{64}\.json$/);
      assert.equal((await stat(path.join(dir, name))).mode & 0o777, 0o644);
    }
  });

  await t.test('should never use an entry once the file bytes, a setting or a renderer version changed', async () => {
    const { projectDir, dir, load } = await setUp();
    await load(new RenderCache({ dir }));
    await tamper(dir);
    // The same inputs find the (tampered) entries: this is what a stale key would serve.
    assert.equal(htmlOf((await load(new RenderCache({ dir }))).posts, 'content/a.md'), '<p>STALE</p>');

    const inputs = rendererInputs();
    const newGrammars = fingerprintOf({ ...inputs, dependencies: { ...inputs.dependencies, '@shikijs/langs': '0.0.0-test' } });
    const regrammared = await load(new RenderCache({ dir, fingerprint: newGrammars }));
    assert.deepEqual(regrammared.renders, { rendered: 2, cached: 0 });
    assert.match(htmlOf(regrammared.posts, 'content/a.md'), /First text\./);

    const newCode = fingerprintOf({ ...inputs, weeklog: `${inputs.weeklog}-edited` });
    assert.deepEqual((await load(new RenderCache({ dir, fingerprint: newCode }))).renders, { rendered: 2, cached: 0 });

    await tamper(dir);
    const otherSetting = await load(new RenderCache({ dir }), settingsWith({ excerptLength: 20 }));
    assert.deepEqual(otherSetting.renders, { rendered: 2, cached: 0 });
    assert.match(htmlOf(otherSetting.posts, 'content/a.md'), /First text\./);

    await tamper(dir);
    await writeFile(path.join(projectDir, 'content/a.md'), source('Edited text.'));
    const edited = await load(new RenderCache({ dir }));
    assert.match(htmlOf(edited.posts, 'content/a.md'), /Edited text\./);
    assert.equal(edited.renders.rendered, 1, 'b.md is unchanged (and still served from its tampered entry)');
  });

  await t.test('should ignore a corrupt entry with a warning and render the post again', async () => {
    const { dir, load } = await setUp();
    const first = await load(new RenderCache({ dir }));
    for (const name of await readdir(dir)) await writeFile(path.join(dir, name), '{"format":1,"key":"tru');
    const again = await load(new RenderCache({ dir }));
    assert.deepEqual(again.renders, { rendered: 2, cached: 0 });
    assert.deepEqual(again.posts, first.posts);
    const warnings = again.problems.filter((problem) => problem.ruleId === 'render-cache');
    assert.equal(warnings.length, 2);
    assert.equal(warnings[0]!.severity, 'warning');
    assert.match(warnings[0]!.file, /^\.cache\/weeklog\/render\/[0-9a-f]{64}\.json$/);
    assert.match(warnings[0]!.message, /cannot be read .* was ignored/);
    assert.deepEqual((await load(new RenderCache({ dir }))).renders, { rendered: 0, cached: 2 }, 'the entries were rewritten');
  });

  await t.test('should prune only its own entries that the last run did not use', async () => {
    const { projectDir, dir, load } = await setUp();
    await load(new RenderCache({ dir }));
    await writeFile(path.join(dir, 'notes.txt'), 'not ours');
    await writeFile(path.join(projectDir, 'content/a.md'), source('Edited text.'));
    const cache = new RenderCache({ dir });
    await load(cache);
    assert.equal((await readdir(dir)).length, 4);
    assert.equal(await cache.prune(), 1, 'the entry of the old a.md');
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.json')).length, 2);
    assert.ok((await readdir(dir)).includes('notes.txt'));
  });
});
