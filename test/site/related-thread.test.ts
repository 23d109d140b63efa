import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relatedPosts } from '../../src/site/related.ts';
import { relatedInThread, RelatedThread } from '../../src/site/related-thread.ts';
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

  await t.test('should rank by the tags the posts have when asked, not when the thread started', async () => {
    // Started on posts without tags, as the build starts it before the taxonomy gives them theirs.
    const untagged = posts.map((post) => ({ ...post, tags: [] as string[] }));
    const thread = RelatedThread.start(untagged);
    untagged.forEach((post, index) => (post.tags = posts[index]!.tags));
    const inThread = (await thread.answer(untagged))!;
    const here = relatedPosts(posts);
    const urls = (list: readonly { url: string }[] | undefined) => (list ?? []).map((other) => other.url).join(' ');
    const withoutTags = relatedPosts(posts.map((post) => ({ ...post, tags: [] })));
    assert.ok([...withoutTags.entries()].some(([post, list], index) => urls(list) !== urls(here.get(posts[index]!)) && post.url), 'the tags change some lists');
    untagged.forEach((post, index) => assert.equal(urls(inThread.get(post)), urls(here.get(posts[index]!)), post.url));
  });

  await t.test('should work out the posts asked for when they are not those it started on', async () => {
    const thread = RelatedThread.start(posts);
    const fewer = posts.slice(2);
    const inThread = (await thread.answer(fewer))!;
    const here = relatedPosts(fewer);
    assert.equal(inThread.size, fewer.length);
    for (const post of fewer) assert.deepEqual(inThread.get(post), here.get(post), post.url);
  });
});
