import assert from 'node:assert/strict';
import test from 'node:test';
import { readingTime } from '../../src/content/reading-time.ts';
import { htmlToPlainText, summarize } from '../../src/content/summary.ts';
import { decodeSource, placeOfBadByte } from '../../src/content/read-source.ts';

test('readingTime', async (t) => {
  await t.test('should count Han characters and Latin words separately', () => {
    const result = readingTime('服务网格 Service Mesh 在 Kubernetes 1.29 里的 sidecar 模式，Go’s context.');
    assert.equal(result.hanChars, 9);
    assert.equal(result.latinWords, 7);
    assert.equal(result.minutes, 1);
  });
  await t.test('should add Han at 400/min and words at 220/min', () => {
    const text = `${'字'.repeat(1200)} ${'word '.repeat(660)}`;
    assert.deepEqual(readingTime(text), { minutes: 6, hanChars: 1200, latinWords: 660 });
  });
  await t.test('should never say 0 minutes', () => {
    assert.equal(readingTime('').minutes, 1);
  });
  await t.test('should count as one match per Han character would, astral characters and words glued to Han included', () => {
    const perCharacter = (text: string) => ({
      hanChars: text.match(/\p{Script=Han}/gu)?.length ?? 0,
      latinWords: text.replace(/\p{Script=Han}/gu, ' ').match(/[\p{Script=Latin}\d]+(?:['’.\-][\p{Script=Latin}\d]+)*/gu)?.length ?? 0,
    });
    for (const text of ['𠀀𠀁中文 abc 𪜀', 'a中b', '中a.b中c-d', "Go's v1.2 e-mail 中文，English", '字'.repeat(500) + 'x'.repeat(3), '〇々〆 ㄅ か カ 한', '']) {
      const { hanChars, latinWords } = readingTime(text);
      assert.deepEqual({ hanChars, latinWords }, perCharacter(text), text);
    }
    assert.equal(readingTime('𠀀𠀁中').hanChars, 3);
  });
});

test('summarize', async (t) => {
  await t.test('should keep short text whole', () => {
    assert.equal(summarize('短文本。'), '短文本。');
  });
  await t.test('should cut Chinese at the last sentence end within 160 characters', () => {
    const first = '第一句话'.repeat(20) + '。';
    const text = first + '第二句话'.repeat(30) + '。';
    const summary = summarize(text);
    assert.equal(summary, first);
    assert.ok([...summary].length <= 160);
  });
  await t.test('should cut English at a word boundary when no sentence ends early enough', () => {
    const text = 'word '.repeat(60);
    const summary = summarize(text);
    assert.ok(summary.endsWith('word…'), summary);
    assert.ok([...summary].length <= 160);
  });
  await t.test('should leave code blocks out of the plain text', () => {
    assert.equal(htmlToPlainText('<p>前言。</p><pre><code>rm -rf /</code></pre><p>after</p>'), '前言。 after');
  });
});

test('decodeSource', async (t) => {
  await t.test('should drop a BOM and turn CRLF into LF', () => {
    const bytes = new TextEncoder().encode('\ufefftitle: a\r\n---\r\nbody\r');
    assert.deepEqual(decodeSource(bytes), { ok: true, text: 'title: a\n---\nbody\n' });
  });
  await t.test('should point at the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('line one\n中文 ok\nab'), Buffer.from([0xc4, 0xe3]), Buffer.from('\n')]);
    assert.deepEqual(decodeSource(bytes), { ok: false, line: 3, column: 3 });
    assert.deepEqual(placeOfBadByte(Buffer.from([0x61, 0xed, 0xa0, 0x80])), { line: 1, column: 2 });
  });
});
