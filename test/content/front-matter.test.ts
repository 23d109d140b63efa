import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { locateKey, parseFrontMatter } from '../../src/content/front-matter.ts';
import { assertMatchesFile } from './helpers.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'front-matter');

test('parseFrontMatter', async (t) => {
  for (const name of (await readdir(fixtures)).sort()) {
    await t.test(`fixture ${name}`, async () => {
      const input = await readFile(path.join(fixtures, name, 'input.md'), 'utf8');
      const result = parseFrontMatter(input);
      const actual = result.ok
        ? {
            format: result.frontMatter.format,
            data: result.frontMatter.data,
            firstLine: result.frontMatter.firstLine,
            lineOffset: result.frontMatter.lineOffset,
            body: result.frontMatter.body,
          }
        : { error: { line: result.line, column: result.column, message: result.message } };
      await assertMatchesFile(actual, path.join(fixtures, name, 'expected.json'));
    });
  }

  await t.test('should keep YAML timestamps as text and type numbers and booleans', () => {
    const result = parseFrontMatter('---\ndate: 2016-12-05 07:59:01\ntitle: 2016\ndraft: true\n---\n');
    assert.ok(result.ok);
    assert.deepEqual(result.frontMatter.data, { date: '2016-12-05 07:59:01', title: 2016, draft: true });
  });

  await t.test('should put the body after the closing line, with the lines before it as offset', () => {
    const result = parseFrontMatter('---\ntitle: a\n---\n# Heading\n');
    assert.ok(result.ok);
    assert.equal(result.frontMatter.body, '# Heading\n');
    assert.equal(result.frontMatter.lineOffset, 3);
  });

  await t.test('should take closing-only YAML only with a known Hexo key', () => {
    const unknown = parseFrontMatter('colour: blue\nsize: 3\n---\nbody\n');
    assert.ok(unknown.ok);
    assert.equal(unknown.frontMatter.format, 'none');
    const known = parseFrontMatter('colour: blue\ntitle: x\n---\nbody\n');
    assert.ok(known.ok);
    assert.equal(known.frontMatter.format, 'yaml');
    assert.equal(known.frontMatter.body, 'body\n');
  });

  await t.test('should report malformed YAML at its line in the file', () => {
    const unclosed = parseFrontMatter('---\ntitle: ok\nbad: [x\n---\nbody');
    assert.deepEqual(unclosed.ok ? null : [unclosed.line, unclosed.column], [3, 1], 'the unclosed `[` is on line 3');
    assert.match(!unclosed.ok ? unclosed.message : '', /not valid YAML.*Fix this line/);
    const colon = parseFrontMatter('---\ntitle: ok\nbad: x: y\n---\nbody');
    assert.deepEqual(colon.ok ? null : [colon.line, colon.column], [3, 7]);
    // gray-matter would end the block at `----`; the value is reported, not silently dropped.
    const dashes = parseFrontMatter('---\ntitle: a\n----\ndate: 2016-01-01\n---\nbody');
    assert.equal(dashes.ok, false);
  });

  await t.test('should locate the value of a key for messages', () => {
    const result = parseFrontMatter('---\ntitle: a\ndate: 2016-13-45\n---\n');
    assert.ok(result.ok);
    assert.deepEqual(locateKey(result.frontMatter, 'date'), { line: 3, column: 7 });
    const json = parseFrontMatter('"title": "a",\n"date":   "x"\n;;;\n');
    assert.ok(json.ok);
    assert.deepEqual(locateKey(json.frontMatter, 'date'), { line: 2, column: 11 });
  });
});
