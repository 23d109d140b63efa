import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from '../../src/markdown/render.ts';

// Each input hung, overflowed the stack (exit 3, no file named) or took minutes before the limits.
const render = (value: string) => renderMarkdown(value, { path: 'content/posts/a.md', lineOffset: 4 });

test('source limits', async (t) => {
  await t.test('should refuse 5000 nested list items at the line past 32 levels', async () => {
    const value = Array.from({ length: 5000 }, (_, i) => `${'  '.repeat(i)}- x\n`).join('');
    const rendered = await render(value);
    assert.deepEqual(
      rendered.problems.map((p) => [p.file, p.line, p.severity, p.ruleId]),
      [['content/posts/a.md', 4 + 33, 'error', 'nesting-too-deep']],
    );
    assert.match(rendered.problems[0]!.message, /33 levels deep here, past the limit of 32/);
    assert.equal(rendered.html, '');
  });

  await t.test('should refuse 5000 nested quotes and bullets on one line before parsing, naming the file and line', async () => {
    // `- - - x` is not a thematic break: the scan must see it, or the parser spends 40 s before the stack overflows.
    for (const [value, line] of [[`${'>'.repeat(5000)} x\n`, 1], [`text\n\n${'- '.repeat(5000)}x\n`, 3]] as const) {
      const rendered = await render(value);
      assert.equal(rendered.problems.length, 1);
      assert.equal(rendered.problems[0]!.ruleId, 'nesting-too-deep');
      assert.equal(rendered.problems[0]!.file, 'content/posts/a.md');
      assert.equal(rendered.problems[0]!.line, 4 + line);
      assert.match(rendered.problems[0]!.message, /5000 levels deep here, past the limit of 32/);
    }
  });

  await t.test('should keep 30 levels of nesting', async () => {
    const value = Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}- level ${i}\n`).join('');
    const rendered = await render(value);
    assert.deepEqual(rendered.problems, []);
    assert.equal(rendered.html.match(/<ul>/g)?.length, 30);
  });

  await t.test('should refuse raw HTML nested past 256 elements at its line, and keep 200 levels', async () => {
    const deep = await render(`text\n\n${'<div>'.repeat(300)}x${'</div>'.repeat(300)}\n`);
    assert.deepEqual(deep.problems.map((p) => [p.line, p.severity, p.ruleId]), [[4 + 3, 'error', 'nesting-too-deep']]);
    assert.match(deep.problems[0]!.message, /more than 256 levels/);
    const kept = await render(`${'<div>'.repeat(200)}x${'</div>'.repeat(200)}\n`);
    assert.deepEqual(kept.problems, []);
  });

  await t.test('should report nesting the scan cannot see (raw HTML) as an error naming the file', async () => {
    const rendered = await render(`${'<div>'.repeat(10000)}x${'</div>'.repeat(10000)}\n`);
    assert.deepEqual(rendered.problems.map((p) => [p.file, p.severity, p.ruleId]), [['content/posts/a.md', 'error', 'nesting-too-deep']]);
  });

  await t.test('should show 50 000 emphasis markers as written (parsing them took 226 s)', async () => {
    const rendered = await render(`intro *kept*\n\n${'*a'.repeat(50000)}\n`);
    assert.deepEqual(rendered.problems.map((p) => [p.line, p.severity, p.ruleId]), [[4 + 3, 'warning', 'too-many-emphasis-markers']]);
    assert.match(rendered.html, /^<p>intro <em>kept<\/em><\/p>/);
    assert.ok(rendered.html.includes(`<p>${'*a'.repeat(50000)}</p>`));
  });

  await t.test('should show a 50 000-line code block as plain text with a warning', async () => {
    const code = Array.from({ length: 50000 }, (_, i) => `const x${i} = ${i};`).join('\n');
    const rendered = await render(`text\n\n\`\`\`js\n${code}\n\`\`\`\n`);
    assert.deepEqual(rendered.problems.map((p) => [p.line, p.severity, p.ruleId]), [[4 + 3, 'warning', 'code-block-too-long']]);
    assert.ok(rendered.html.includes('const x49999 = 49999;'));
    assert.ok(rendered.html.length < 4_000_000, `${rendered.html.length} characters of HTML`);
  });
});
