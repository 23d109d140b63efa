import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { parse, type HTMLElement } from 'node-html-parser';
import { relatedPosts } from '../../src/site/related.ts';
import { makePost } from '../helpers/make-post.ts';
import { buildSampleSite } from '../helpers/sample-site.ts';

async function page(outputDir: string, url: string): Promise<HTMLElement> {
  const file = path.join(outputDir, decodeURI(url), url.endsWith('/') ? 'index.html' : '');
  return parse(await readFile(file, 'utf8'), { blockTextElements: { script: true, style: true } });
}
const meta = (doc: HTMLElement, key: string) =>
  doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content');

test('page metadata and post extras on the sample site', async (t) => {
  const { outputDir } = await buildSampleSite();

  await t.test('should title and describe /, /categories/, /tags/, /subscribe/ and 404 differently', async () => {
    const docs = await Promise.all(['/', '/categories/', '/tags/', '/subscribe/', '/404.html'].map((url) => page(outputDir, url)));
    const titles = docs.map((doc) => doc.querySelector('title')!.text);
    const descriptions = docs.map((doc) => meta(doc, 'description'));
    assert.equal(new Set(titles).size, titles.length, titles.join(' | '));
    assert.equal(new Set(descriptions).size, descriptions.length, descriptions.join(' | '));
    assert.equal(titles[1], '分类 · 周刊与笔记');
    for (const doc of docs) {
      assert.equal(meta(doc, 'og:title') !== undefined, true);
      assert.equal(meta(doc, 'twitter:card'), 'summary');
    }
  });

  await t.test('should give posts canonical, OpenGraph article and JSON-LD BlogPosting metadata', async () => {
    const doc = await page(outputDir, '/2023/05/20/rest-api-design-guide/');
    const canonical = doc.querySelector('link[rel="canonical"]')!.getAttribute('href');
    assert.equal(canonical, meta(doc, 'og:url'));
    assert.equal(meta(doc, 'og:type'), 'article');
    assert.equal(meta(doc, 'og:title'), 'REST API 设计指南');
    assert.ok(meta(doc, 'article:published_time')?.startsWith('2023-05-20T'));
    const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.text);
    assert.equal(ld['@type'], 'BlogPosting');
    assert.equal(ld.headline, 'REST API 设计指南');
    assert.equal(ld.url, canonical);
    assert.equal(ld.inLanguage, 'zh-CN');
    assert.ok(ld.datePublished && ld.author.name);
  });

  await t.test('should take the page language from a post’s `lang` and keep the site chrome in the site’s', async () => {
    const doc = await page(outputDir, '/2021/03/05/go-context-cancellation/');
    assert.equal(doc.querySelector('html')!.getAttribute('lang'), 'en');
    assert.equal(doc.querySelector('.site-header')!.getAttribute('lang'), 'zh-CN');
    assert.equal(meta(doc, 'og:locale'), 'en');
    const chinese = await page(outputDir, '/2023/05/20/rest-api-design-guide/');
    assert.equal(chinese.querySelector('html')!.getAttribute('lang'), 'zh-CN');
    assert.equal(chinese.querySelector('.site-header')!.getAttribute('lang'), undefined);
  });

  await t.test('should ship favicon.ico, the SVG icon and an apple-touch-icon', async () => {
    const doc = await page(outputDir, '/');
    for (const [selector, file] of [
      ['link[rel="icon"][href$=".ico"]', 'favicon.ico'],
      ['link[rel="icon"][href$=".svg"]', 'favicon.svg'],
      ['link[rel="apple-touch-icon"]', 'apple-touch-icon.png'],
    ] as const) {
      assert.ok(doc.querySelector(selector), selector);
      assert.ok(existsSync(path.join(outputDir, file)), file);
    }
    const png = await readFile(path.join(outputDir, 'apple-touch-icon.png'));
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [180, 180]);
  });

  await t.test('should list related posts under a post, and year headings in the archive', async () => {
    const doc = await page(outputDir, '/2018/09/02/systemtap-tcp-retransmit/');
    const related = doc.querySelectorAll('.related-posts li a').map((a) => a.getAttribute('href'));
    assert.ok(related.length >= 1 && related.length <= 5);
    assert.ok(related.includes('/2017/04/11/systemtap-quickstart/'), related.join(' '));
    const archive = await page(outputDir, '/archives/');
    const years = archive.querySelectorAll('.archive-year h2').map((h) => Number.parseInt(h.text, 10));
    assert.ok(years.length >= 3);
    assert.deepEqual(years, [...years].sort((a, b) => b - a));
  });

  await t.test('should give local images their size and lazy loading', async () => {
    const doc = await page(outputDir, '/2024/06/03/weekly-reading-2024-06/');
    const imgs = doc.querySelectorAll('.post-content img');
    assert.ok(imgs.length >= 2);
    for (const img of imgs) {
      assert.equal(img.getAttribute('loading'), 'lazy');
      assert.match(img.getAttribute('width') ?? '', /^\d+$/);
      assert.match(img.getAttribute('height') ?? '', /^\d+$/);
    }
  });
});

test('relatedPosts', async (t) => {
  await t.test('should relate posts by shared tags and by Chinese and English text, deterministically', () => {
    const posts = [
      makePost({ date: new Date('2020-01-01T00:00:00Z'), title: '服务网格入门', url: '/a/', tags: ['Istio'], text: '服务网格 把 流量治理 放进 边车代理，Istio 是常见的实现。' }),
      makePost({ date: new Date('2020-01-02T00:00:00Z'), title: 'Istio 流量治理', url: '/b/', tags: ['Istio'], text: '用 Istio 的 VirtualService 做流量治理和灰度发布，边车代理负责转发。' }),
      makePost({ date: new Date('2020-01-03T00:00:00Z'), title: 'PostgreSQL indexes', url: '/c/', tags: ['PostgreSQL'], text: 'B-tree indexes, partial indexes and covering indexes in PostgreSQL.' }),
      makePost({ date: new Date('2020-01-04T00:00:00Z'), title: 'Index-only scans', url: '/d/', tags: [], text: 'Covering indexes let PostgreSQL answer from the index: partial indexes too.' }),
      makePost({ date: new Date('2020-01-05T00:00:00Z'), title: '周末随笔', url: '/e/', tags: [], text: '今天天气很好，去公园散步。' }),
    ];
    const related = relatedPosts(posts);
    assert.deepEqual(related.get(posts[0]!)!.map((p) => p.url)[0], '/b/');
    assert.deepEqual(related.get(posts[2]!)!.map((p) => p.url)[0], '/d/');
    assert.deepEqual(related.get(posts[4]!), []);
    assert.deepEqual(relatedPosts(posts).get(posts[1]!), related.get(posts[1]!));
  });
});
