import assert from 'node:assert/strict';
import test from 'node:test';
import { validateSettings } from '../../src/config/settings.ts';
import type { Post } from '../../src/content/post.ts';
import { SiteModel } from '../../src/site/model.ts';
import { stringsFor } from '../../src/site/strings.ts';
import { buildTaxonomy } from '../../src/taxonomy/build-taxonomy.ts';
import { makePost } from '../helpers/make-post.ts';

const projectDir = process.cwd();
const settings = validateSettings({ autoTag: 'off' });
const section = { anchor: 'a', heading: 'A', text: '正文' };

function model(mode: 'build' | 'serve'): SiteModel {
  const posts = ['A', 'B'].map((title, i) => makePost({ title, date: new Date(Date.UTC(2020, 0, 2 - i)), text: `${title} 正文`, sections: [section] }));
  const page = makePost({ title: 'About', date: new Date(Date.UTC(2020, 0, 1)), standalone: true, text: '关于', sections: [section] });
  return new SiteModel(settings, posts, buildTaxonomy(posts, settings, { projectDir }), stringsFor(settings.language), mode, [], [page]);
}

test('SiteModel#doneReadingText', async (t) => {
  await t.test('should keep the posts’ text until both the search index and related posts are done with it', () => {
    const site = model('build');
    site.doneReadingText('search');
    site.doneReadingText('search');
    assert.deepEqual(site.posts.map((post) => [post.text, post.sections]), [['A 正文', [section]], ['B 正文', [section]]]);
    site.doneReadingText('related');
    assert.deepEqual(site.posts.map((post) => [post.text, post.sections]), [['', []], ['', []]]);
  });

  await t.test('should leave standalone pages alone', () => {
    const site = model('build');
    site.doneReadingText('related');
    site.doneReadingText('search');
    assert.deepEqual([site.pages[0]!.text, site.pages[0]!.sections], ['关于', [section]]);
  });

  await t.test('should take the related posts a thread answers, and settle only once it has', async () => {
    const site = model('build');
    let answer!: (related: Map<Post, Post[]> | null) => void;
    const settled: string[] = [];
    void site.relatedInThread(new Promise((resolve) => (answer = resolve)));
    const waiting = site.relatedThreadSettled().then(() => settled.push('settled'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(settled, []);
    site.doneReadingText('search');
    answer(new Map([[site.posts[0]!, [site.posts[1]!]]]));
    await waiting;
    assert.deepEqual(settled, ['settled']);
    assert.deepEqual(site.postPages[0]!.related, [site.posts[1]]);
    assert.deepEqual(site.posts.map((post) => post.text), ['', '']);
  });

  await t.test('should keep the text when the thread gives no answer, for the pages to work out related posts', async () => {
    const site = model('build');
    site.doneReadingText('search');
    await site.relatedInThread(Promise.resolve(null));
    await site.relatedThreadSettled();
    assert.deepEqual(site.posts.map((post) => post.text), ['A 正文', 'B 正文']);
  });

  await t.test('should keep them in serve, where the next edit reads them again', () => {
    const site = model('serve');
    site.doneReadingText('search');
    site.doneReadingText('related');
    assert.deepEqual(site.posts.map((post) => post.text), ['A 正文', 'B 正文']);
  });
});
