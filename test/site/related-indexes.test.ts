import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relatedIndexes } from '../../src/site/related-indexes.ts';
import { relatedPosts } from '../../src/site/related.ts';
import { makePost } from '../helpers/make-post.ts';

/** The same pseudo-random numbers on every run. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

test('relatedIndexes', async (t) => {
  const words = ['服务网格', '边车代理', '流量治理', 'Istio', 'PostgreSQL', 'covering', 'indexes', '内核', '调度器', 'eBPF', 'tracing', 'Kubernetes', '节点亲和', 'pod', '的', 'the', 'a', '𠀀𠀁'];
  const next = numbers(7);
  const pick = () => words[Math.floor(next() * words.length)]!;
  // Enough posts that terms pass the document-frequency bounds, same dates in pairs (ties go to the
  // newer post, then the URL) and repeated words (counts above one).
  const posts = Array.from({ length: 120 }, (_, i) =>
    makePost({
      date: new Date(Date.UTC(2020, 0, 1 + Math.floor(i / 2))),
      title: `第 ${i} 篇 ${pick()} ${pick()}`,
      url: `/p/${i}/`,
      tags: next() < 0.3 ? ['Istio'] : next() < 0.5 ? ['PostgreSQL', 'database'] : [],
      text: Array.from({ length: 20 + Math.floor(next() * 60) }, pick).join(next() < 0.5 ? ' ' : ''),
    }),
  );

  await t.test('should give each post the lists relatedPosts gives', () => {
    const expected = relatedPosts(posts);
    const indexes = relatedIndexes(posts);
    assert.equal(indexes.length, posts.length);
    assert.ok(indexes.filter((list) => list.length === 5).length > posts.length / 2, 'most posts have a full list');
    posts.forEach((post, index) => assert.deepEqual(indexes[index]!.map((other) => posts[other]), expected.get(post), post.url));
  });

  await t.test('should follow the options as relatedPosts does', () => {
    const options = { limit: 3, tagWeight: 2, termsPerPost: 4 };
    const expected = relatedPosts(posts, options);
    const indexes = relatedIndexes(posts, options);
    posts.forEach((post, index) => assert.deepEqual(indexes[index]!.map((other) => posts[other]), expected.get(post), post.url));
  });
});
