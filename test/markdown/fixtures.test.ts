import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import test from 'node:test';
import { renderMarkdown } from '../../src/markdown/render.ts';
import type { RenderOptions } from '../../src/markdown/types.ts';

const fixturesDir = new URL('./fixtures/', import.meta.url);
const update = process.env.UPDATE === '1';

test('renderMarkdown fixtures (UPDATE=1 rewrites output.html)', async (t) => {
  const cases = (await readdir(fixturesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory());
  assert.ok(cases.length >= 10, 'every required case has a folder');

  for (const { name } of cases) {
    await t.test(`should render ${name}`, async () => {
      const dir = new URL(`${name}/`, fixturesDir);
      const input = await readFile(new URL('input.md', dir), 'utf8');
      const optionsUrl = new URL('options.json', dir);
      const options: Partial<RenderOptions> = existsSync(optionsUrl) ? JSON.parse(await readFile(optionsUrl, 'utf8')) : {};
      const { html } = await renderMarkdown(input, { path: `${name}/input.md`, ...options });
      const outputUrl = new URL('output.html', dir);
      if (update) await writeFile(outputUrl, html);
      assert.ok(existsSync(outputUrl), `${name}/output.html is missing; run with UPDATE=1 and review it`);
      assert.equal(html, await readFile(outputUrl, 'utf8'));
    });
  }
});
