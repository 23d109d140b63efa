import assert from 'node:assert/strict';
import test from 'node:test';
import { Boilerplate, LineKeys } from '../../src/content/boilerplate.ts';

const footer = '这个周刊每周五发布，同步更新在网站上。';
const intro = 'This digest comes out every Friday.';
const post = (body: string) => ({ text: `${body}\n${footer}` });

test('Boilerplate with line keys kept between loads', async (t) => {
  await t.test('should find the same lines as a count from nothing after each edit', () => {
    const keys = new LineKeys();
    const loads = [
      [post('a'), post('b'), post('c'), { text: intro }, { text: intro }],
      // An edit adds the intro to a third post: it becomes boilerplate.
      [post('a'), post(`b\n${intro}`), post('c'), { text: intro }, { text: intro }],
      // Two posts with the very same text count twice; a post removed counts no more.
      [post('a'), post('a'), { text: intro }, { text: intro }],
      [post('a'), { text: `${intro}\n${intro}` }],
    ];
    for (const [index, posts] of loads.entries()) {
      keys.nextRound();
      // A load judges its posts twice, once with its pages among them (loadPosts, then the taxonomy).
      for (const judged of [posts, posts.slice(1), posts]) {
        const kept = new Boilerplate(judged, { keys, minPosts: 1, minShare: 0.5 });
        const fresh = new Boilerplate(judged, { minPosts: 1, minShare: 0.5 });
        assert.deepEqual([...kept.lines].sort(), [...fresh.lines].sort(), `load ${index + 1}`);
      }
    }
  });
});
