import assert from 'node:assert/strict';
import test from 'node:test';
import type { Post } from '../../src/content/post.ts';
import { relatedPosts, type RelatedCache } from '../../src/site/related.ts';
import { makePost } from '../helpers/make-post.ts';

/** Words shared by some posts and not others, so lists depend on the text; seeded, so every run is the same. */
const words = [...Array.from({ length: 400 }, (_, index) => `term${index}`), 'kernel', 'scheduler', 'cgroup', 'namespace', 'istio', 'envoy', 'sidecar', 'postgres', 'index', 'vacuum', 'btree', 'golang', 'channel', 'goroutine', 'context', 'deadline', 'docker', 'overlay', 'layer', 'registry', '服务', '网格', '流量', '治理', '内核', '调度', '索引', '事务', '容器', '镜像'];
const tagNames = ['Go', 'Kubernetes', 'PostgreSQL', 'Linux', 'Istio', 'Docker'];

function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function text(next: () => number, length: number): string {
  return Array.from({ length }, () => words[Math.floor(next() * next() * next() * words.length)]).join(' ');
}

function corpus(size: number): Post[] {
  const next = random(7);
  return Array.from({ length: size }, (_, index) =>
    makePost({
      title: `${words[Math.floor(next() * words.length)]} notes ${index}`,
      // Newest first, as the loader gives them; some share a date, so the URL breaks ties.
      date: new Date(Date.UTC(2024, 0, 1) - Math.floor(index / 3) * 86_400_000),
      url: `/p/${String(index).padStart(3, '0')}/`,
      file: `content/posts/p${index}.md`,
      tags: tagNames.filter(() => next() < 0.2),
      text: text(next, 20 + Math.floor(next() * 60)),
    }),
  );
}

const urlsOf = (related: Map<Post, Post[]>, posts: Post[]) => posts.map((post) => related.get(post)!.map((other) => other.url));

test('related posts after an edit', async (t) => {
  await t.test('should give the lists a run from nothing gives, edit after edit, from the last run kept in the cache', () => {
    let posts = corpus(120);
    const cache: RelatedCache = new Map();
    relatedPosts(posts, { cache });
    const next = random(11);
    const edits: [string, (posts: Post[]) => Post[]][] = [
      ['a title whose words no other post has', (list) => list.map((post, index) => (index === 0 ? { ...post, title: `${post.title} zzqx` } : post))],
      ['a body that adds a rare word', (list) => list.map((post, index) => (index === 20 ? { ...post, text: `${post.text} term399 term398` } : post))],
      ['a second body with the rare words, which relates the two', (list) => list.map((post, index) => (index === 100 ? { ...post, text: `${post.text} term399 term398 term399` } : post))],
      ['a body that adds common words', (list) => list.map((post, index) => (index === 5 ? { ...post, text: `${post.text} kernel kernel 服务 网格 scheduler` } : post))],
      ['a body rewritten', (list) => list.map((post, index) => (index === 40 ? { ...post, text: text(next, 50) } : post))],
      ['a body emptied', (list) => list.map((post, index) => (index === 77 ? { ...post, text: '' } : post))],
      ['two bodies at once', (list) => list.map((post, index) => (index === 3 || index === 90 ? { ...post, text: text(next, 30) } : post))],
      ['the same text again, in new post objects', (list) => list.map((post) => ({ ...post }))],
      ['a tag added', (list) => list.map((post, index) => (index === 8 ? { ...post, tags: [...post.tags, 'Docker'] } : post))],
      ['a post deleted', (list) => list.filter((_, index) => index !== 60)],
    ];
    for (const [what, edit] of edits) {
      posts = edit(posts);
      const tagPosts = cache.last!.tagPosts;
      const kept = relatedPosts(posts, { cache });
      assert.deepEqual(urlsOf(kept, posts), urlsOf(relatedPosts(posts), posts), what);
      // Worked out from the last run (which keeps its tag lists) when no tag or post changed; a
      // rewritten body may move so many vectors that a run from nothing is as quick.
      if (/title|same text/u.test(what)) assert.equal(cache.last!.tagPosts, tagPosts, `${what}: from the last run`);
      if (/tag|deleted/u.test(what)) assert.notEqual(cache.last!.tagPosts, tagPosts, `${what}: from nothing`);
    }
  });

  await t.test('should change the lists of other posts when an edit makes a post related to them', () => {
    const posts = corpus(120);
    const cache: RelatedCache = new Map();
    const before = relatedPosts(posts, { cache });
    // The oldest post takes the text of the newest one: the two become each other's best match.
    const edited = posts.map((post, index) => (index === 119 ? { ...post, text: posts[0]!.text } : post));
    const after = relatedPosts(edited, { cache });
    assert.notEqual(before.get(posts[0]!)![0]!.url, posts[119]!.url);
    assert.equal(after.get(edited[0]!)![0]!.url, edited[119]!.url);
    assert.deepEqual(urlsOf(after, edited), urlsOf(relatedPosts(edited), edited));
  });
});
