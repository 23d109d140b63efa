import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { renderMarkdown } from '../../src/markdown/render.ts';
import { runCli, tempDir } from '../cli/helpers.ts';

const render = (value: string) => renderMarkdown(value, { path: 'content/posts/a.md', lineOffset: 4 });
const places = (rendered: Awaited<ReturnType<typeof render>>) => rendered.problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.ruleId}`);

// Before, the rest of the post vanished from the page, feeds and search without a word.
test('unclosed comments and fences', async (t) => {
  await t.test('should warn at an unclosed <!-- and say how much it hides', async () => {
    const rendered = await render('before\n\n<!-- oops\n\nafter text\n');
    assert.deepEqual(places(rendered), ['7:1 warning unclosed-comment']);
    assert.match(rendered.problems[0]!.message, /never closed, so 3 lines from it on are hidden/);
  });

  await t.test('should warn at an unclosed <!-- inside an HTML block, at its own line', async () => {
    const rendered = await render('<div>\nx <!-- a --> y\n<!-- oops\n</div>\n\nafter\n');
    assert.deepEqual(places(rendered), ['7:1 warning unclosed-comment']);
  });

  await t.test('should warn at an unclosed fence, at top level and in containers', async () => {
    const rendered = await render('before\n\n```js\nlet a\n\n## After\n\n> ~~~~\n> quoted\n');
    assert.deepEqual(places(rendered), ['7:1 warning unclosed-fence']);
    assert.match(rendered.problems[0]!.message, /fence ``` opened here is never closed, so 6 lines after it are shown as code/);
    const nested = await render('- item\n\n  ```\n  code\n\n- next\n\n> ~~~~\n> quoted\n\nout\n');
    assert.deepEqual(places(nested), ['7:3 warning unclosed-fence', '12:3 warning unclosed-fence']);
  });

  await t.test('should stay quiet about closed comments and fences', async () => {
    const rendered = await render('<!-- more -->\n\n<!--\nmulti\n-->\n\n````md\n```\n````\n\n   ~~~\n   x\n   ~~~~~\n\n> ```\n> y\n> ```\n');
    assert.deepEqual(places(rendered), []);
  });

  await t.test('should be reported by check as by build', async () => {
    const cwd = await tempDir('unclosed');
    try {
      await mkdir(path.join(cwd, 'content/posts'), { recursive: true });
      await writeFile(path.join(cwd, 'weeklog.config.yml'), 'title: T\nurl: https://example.org/\n');
      await writeFile(path.join(cwd, 'content/posts/a.md'), '---\ntitle: A\ndate: 2024-01-01 10:00:00\n---\n\nbefore\n\n<!-- oops\n\nafter\n');
      const check = await runCli(['check'], { cwd });
      assert.equal(check.code, 0, check.stdout + check.stderr);
      assert.match(check.stdout, /content\/posts\/a\.md:8:1 {2}The HTML comment <!-- opened here is never closed/);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
