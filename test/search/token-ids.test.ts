import assert from 'node:assert/strict';
import test from 'node:test';
import { appendTokenIds, IntList, TokenTable } from '../../src/search/token-ids.ts';
import { textRuns, tokenize } from '../../src/search/tokenize.ts';

/** Han runs, astral Han, full-width forms, joiners, words past the length cap and a `__proto__`. */
const texts = [
  '腾讯QQ团队于12月4日开源了一个服务开发运营框架，叫做毫秒服务引擎（Mass Service Engine in Cluster，MSEC）',
  'SELinux label包含4个部分`user_u:role_r:type_t:level`，每个用户可以访问的角色 __proto__ constructor',
  'early.分布式事务 Node.js 与 ＳｙｓｔｅｍＴａｐ 探针，kernel.function("sys_open") _lead trail_ a--b',
  '一 二三 Ｋｕｂｅｒｎｅｔｅｓ １２３ café naïve Ωmega 〇 𠀀𠀁 𠀀 𠀀分 分𠀀布 emoji 🚀 test',
  `${'x'.repeat(60)} ${'long_word.'.repeat(6)}end 分布式事务分布式`,
];

test('token ids', async (t) => {
  await t.test('should give the tokens of `tokenize`, then the Han characters of runs longer than one code unit', () => {
    const table = new TokenTable();
    for (const text of texts) {
      const [tokens, characters] = [new IntList(), new IntList()];
      appendTokenIds(text, table, tokens, characters);
      const strings = (list: IntList): string[] => Array.from(list.values.subarray(0, list.length), (id) => table.token(id));
      assert.deepEqual(strings(tokens), tokenize(text));
      const expected = textRuns(text).flatMap((run) => (run.kind === 'han' && run.text.length > 1 ? Array.from(run.text) : []));
      assert.deepEqual(strings(characters), expected);
    }
  });

  await t.test('should give one id per token, whichever way it was found', () => {
    const table = new TokenTable();
    const tokens = new IntList();
    // `分` as a lone run and as a character of a run, found by its code unit, and asked for by its string.
    appendTokenIds('分 分布 分', table, tokens, new IntList());
    const ids = Array.from(tokens.values.subarray(0, tokens.length));
    assert.equal(ids[0], ids[2]);
    assert.equal(table.id('分'), ids[0]);
    assert.equal(table.id('分布'), ids[1]);
    // Enough distinct pairs to grow the code-unit table several times; each keeps its id.
    const many = new IntList();
    const text = Array.from({ length: 40_000 }, (_, at) => String.fromCharCode(0x4e00 + (at % 200), 0x4e00 + Math.floor(at / 200))).join(' ');
    appendTokenIds(text, table, many);
    const again = new IntList();
    appendTokenIds(text, table, again);
    assert.deepEqual(again.values.subarray(0, again.length), many.values.subarray(0, many.length));
    assert.equal(new Set(many.values.subarray(0, many.length)).size, 40_000);
    assert.equal(table.token(many.values[12_345]!), text.split(' ')[12_345]);
  });
});
