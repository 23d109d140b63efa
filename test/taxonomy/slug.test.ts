import assert from 'node:assert/strict';
import test from 'node:test';
import { foldTermName, termSlug } from '../../src/taxonomy/slug.ts';

test('termSlug', async (t) => {
  await t.test('should keep Chinese and lower-case Latin', () => {
    assert.equal(termSlug('服务网格'), '服务网格');
    assert.equal(termSlug('Service Mesh'), 'service-mesh');
    assert.equal(termSlug('REST API 设计指南'), 'rest-api-设计指南');
  });

  await t.test('should fold full-width and case to the same slug', () => {
    assert.equal(termSlug('ＫＵＢＥＲＮＥＴＥＳ'), 'kubernetes');
    assert.equal(termSlug('Kubernetes'), termSlug('kubernetes'));
    assert.equal(foldTermName('ＫＵＢＥＲＮＥＴＥＳ'), foldTermName('kubernetes'));
  });

  await t.test('should turn punctuation, including Chinese punctuation, into single dashes', () => {
    assert.equal(termSlug('  Node.js / Deno  '), 'node-js-deno');
    assert.equal(termSlug('容器，编排'), '容器-编排');
    assert.equal(termSlug('a__b'), 'a-b');
  });

  await t.test('should keep C, C++ and C# apart', () => {
    const slugs = new Set([termSlug('C'), termSlug('C++'), termSlug('C#')]);
    assert.equal(slugs.size, 3);
  });

  await t.test('should never be empty, and stable for symbol-only names', () => {
    const rocket = termSlug('🚀');
    assert.match(rocket, /^[0-9a-f]{8}$/u);
    assert.equal(termSlug('🚀'), rocket);
    assert.notEqual(termSlug('!!!'), '');
    assert.notEqual(termSlug('!!!'), rocket);
  });
});
