import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import test from 'node:test';
import vm from 'node:vm';
import * as tokenizer from '../../src/search/tokenize.ts';
import { bundleEntry } from '../../src/search/bundle-client.ts';

const { tokenize, parseQuery, textRuns } = tokenizer;

/** Texts shaped like the content: Chinese with English terms, code, full-width forms, URLs. */
const sampleTexts = [
  '腾讯QQ团队于12月4日开源了一个服务开发运营框架，叫做毫秒服务引擎（Mass Service Engine in Cluster，MSEC）',
  'SELinux label包含4个部分`user_u:role_r:type_t:level`，每个用户可以访问的角色',
  'early.分布式事务 Node.js 与 ＳｙｓｔｅｍＴａｐ 探针，kernel.function("sys_open")',
  '官方网站：http://haomiao.qq.com Github：https://github.com/Tencent/MSEC',
  '一 二三 Ｋｕｂｅｒｎｅｔｅｓ １２３ café naïve Ωmega 〇 𠀀𠀁 emoji 🚀 test',
  '"RESTful API" 版本号 服务发现 sys 探',
];

test('tokenize', async (t) => {
  await t.test('should cut Han runs into overlapping bigrams and keep a lone character', () => {
    assert.deepEqual(tokenize('分布式事务'), ['分布', '布式', '式事', '事务']);
    assert.deepEqual(tokenize('用 户'), ['用', '户']);
  });

  await t.test('should keep Latin words whole and as parts, lower-cased', () => {
    assert.deepEqual(tokenize('Node.js'), ['node.js', 'node', 'js']);
    assert.deepEqual(tokenize('user_u:role_r'), ['user_u', 'user', 'u', 'role_r', 'role', 'r']);
    assert.deepEqual(tokenize('RPC2016'), ['rpc2016']);
  });

  await t.test('should not glue Han characters onto Latin words', () => {
    assert.deepEqual(tokenize('early.分布式'), ['early', '分布', '布式']);
    assert.deepEqual(textRuns('腾讯QQ团队'), [
      { kind: 'han', text: '腾讯' },
      { kind: 'word', text: 'qq' },
      { kind: 'han', text: '团队' },
    ]);
  });

  await t.test('should fold full-width forms to half-width', () => {
    assert.deepEqual(tokenize('ＳｙｓｔｅｍＴａｐ １２３'), ['systemtap', '123']);
  });

  await t.test('should parse terms and quoted phrases', () => {
    assert.deepEqual(parseQuery('"RESTful  API" 服务发现 sys'), [
      { kind: 'phrase', text: 'restful api', tokens: ['restful', 'api'], prefix: false },
      { kind: 'han', text: '服务发现', tokens: ['服务', '务发', '发现'], prefix: false },
      { kind: 'word', text: 'sys', tokens: ['sys'], prefix: true },
    ]);
    assert.deepEqual(parseQuery('探'), [{ kind: 'han', text: '探', tokens: ['探'], prefix: true }]);
    assert.deepEqual(parseQuery('“服务 发现”'), [
      { kind: 'phrase', text: '服务 发现', tokens: ['服务', '发现'], prefix: false },
    ]);
    assert.deepEqual(parseQuery('  ，。 '), []);
  });

  await t.test('should give the same tokens from the esbuild browser bundle', async () => {
    const entry = fileURLToPath(new URL('../../src/search/tokenize.ts', import.meta.url));
    const code = await bundleEntry(entry, 'weeklogTokenizer');
    const context = vm.createContext({});
    const bundled = vm.runInContext(`${code};weeklogTokenizer`, context) as typeof tokenizer;
    for (const text of sampleTexts) {
      // Round-trip through JSON: arrays from another realm are not deepEqual to ours.
      assert.deepEqual(JSON.parse(JSON.stringify(bundled.tokenize(text))), tokenize(text), text);
      assert.deepEqual(JSON.parse(JSON.stringify(bundled.parseQuery(text))), parseQuery(text), text);
    }
  });
});
