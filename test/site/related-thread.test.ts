import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relatedPosts } from '../../src/site/related.ts';
import { relatedInThread } from '../../src/site/related-thread.ts';
import { makePost } from '../helpers/make-post.ts';

test('relatedInThread', async (t) => {
  const topics = ['服务网格 边车代理 流量治理 Istio', 'PostgreSQL covering indexes partial indexes', '内核 调度器 eBPF tracing', 'Kubernetes 调度 pod 节点亲和'];
  // Posts on a few topics, some with the same date (ties go to the newer post, then the URL).
  const posts = Array.from({ length: 24 }, (_, i) =>
    makePost({
      date: new Date(Date.UTC(2020, 0, 1 + Math.floor(i / 2))),
      title: `第 ${i} 篇 ${topics[i % topics.length]!.split(' ')[0]}`,
      url: `/p/${i}/`,
      tags: i % 3 === 0 ? ['Istio'] : i % 3 === 1 ? ['PostgreSQL', 'Database'] : [],
      text: `${topics[i % topics.length]} ${topics[(i * 7) % topics.length]} 第 ${i} 篇的其他内容。`,
    }),
  );

  await t.test('should give every post the same related posts as working them out in this thread', async () => {
    const inThread = await relatedInThread(posts);
    assert.ok(inThread);
    const here = relatedPosts(posts);
    assert.ok([...here.values()].some((list) => list.length > 0));
    for (const post of posts) assert.deepEqual(inThread.get(post), here.get(post), post.url);
  });

  await t.test('should list the posts given, not copies of them', async () => {
    const inThread = (await relatedInThread(posts))!;
    for (const list of inThread.values()) for (const other of list) assert.ok(posts.includes(other));
  });
});
