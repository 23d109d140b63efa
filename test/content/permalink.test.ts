import assert from 'node:assert/strict';
import test from 'node:test';
import { expandPermalink, hexoHash, normalisePermalink, type PermalinkContext } from '../../src/content/permalink.ts';
import { slugize, slugizePath, titleFromFileName } from '../../src/content/slugs.ts';

const beijingMorning = new Date('2016-12-04T23:59:01Z'); // 2016-12-05 07:59:01 in Asia/Shanghai

function context(overrides: Partial<PermalinkContext> = {}): PermalinkContext {
  return {
    titlePath: 'Alpine Linux',
    title: 'Alpine Linux 使用笔记',
    date: beijingMorning,
    zone: 'Asia/Shanghai',
    categorySlugs: [],
    file: 'content/posts/Alpine Linux.md',
    ...overrides,
  };
}

test('slugize', async (t) => {
  const cases: [string, string][] = [
    ['Alpine Linux', 'Alpine-Linux'],
    ['  Hello,   World!  ', 'Hello-World'],
    ['容器网络接口', '容器网络接口'],
    ['REST API 设计指南', 'REST-API-设计指南'],
    ['a_b-c  d', 'a-b-c-d'],
    ['Café résumé', 'Cafe-resume'],
    ['C++ & Go: (notes)', 'C-Go-notes'],
    ['?!…', '…'],
    ['!!!', ''],
  ];
  for (const [input, expected] of cases) {
    await t.test(`should slugize ${JSON.stringify(input)}`, () => assert.equal(slugize(input), expected));
  }
  await t.test('should lower-case on request and keep Chinese', () => {
    assert.equal(slugize('Cloud 原生', { lowerCase: true }), 'cloud-原生');
  });
  await t.test('should keep subfolders', () => {
    assert.equal(slugizePath('k8s/Alpine Linux'), 'k8s/Alpine-Linux');
  });
});

test('titleFromFileName', async (t) => {
  await t.test('should strip the date prefix and turn - and _ into spaces', () => {
    assert.equal(titleFromFileName('posts/2016-12-05-alpine_linux-notes.md'), 'alpine linux notes');
    assert.equal(titleFromFileName('notes/容器 网络.md'), '容器 网络');
  });
  await t.test('should name README.md after its folder', () => {
    assert.equal(titleFromFileName('2016_summary/README.md'), '2016 summary');
  });
});

test('expandPermalink', async (t) => {
  await t.test('should place a 07:59 Beijing-time post on its Beijing day', () => {
    assert.equal(expandPermalink('/:year/:month/:day/:title/', context()), '/2016/12/05/Alpine-Linux/');
  });
  await t.test('should place it on the previous day with a UTC URL zone', () => {
    assert.equal(expandPermalink('/:year/:month/:day/:title/', context({ zone: 'UTC' })), '/2016/12/04/Alpine-Linux/');
  });
  await t.test('should fill every token', () => {
    const url = expandPermalink('/:year/:i_month/:i_day/:hour-:minute-:second/:name/:post_title/:category/', context({
      titlePath: 'k8s/2016-x',
      slug: 'k8s/custom slug',
      date: new Date('2017-03-04T05:06:07Z'),
      zone: 'UTC',
      categorySlugs: ['cloud', 'kubernetes'],
    }));
    assert.equal(url, '/2017/3/4/05-06-07/custom-slug/alpine-linux-使用笔记/cloud/kubernetes/');
  });
  await t.test('should use Hexo default_category when there is none', () => {
    assert.equal(expandPermalink('/:category/:title/', context()), '/uncategorized/Alpine-Linux/');
  });
  await t.test('should keep subfolders in :title and a front-matter slug in :slug', () => {
    assert.equal(expandPermalink('/:title/', context({ titlePath: 'k8s/Alpine Linux' })), '/k8s/Alpine-Linux/');
    assert.equal(expandPermalink('/:slug/', context({ slug: 'my slug' })), '/my-slug/');
    assert.equal(expandPermalink('/:slug/', context()), '/Alpine-Linux/');
  });
  await t.test('should hash like Hexo 6: sha1 of slug and Unix seconds', () => {
    // sha1('Alpine-Linux' + '1480895941').slice(0, 12), computed outside weeklog.
    assert.equal(expandPermalink('/p/:hash/', context()), '/p/2264b35cbc1a/');
    assert.notEqual(hexoHash('Alpine-Linux', beijingMorning), hexoHash('Alpine-Linux', new Date(0)));
  });
  await t.test('should fall back to a short stable hash for a punctuation-only title', () => {
    // sha1 of the file path, so it stays the same from build to build: sha1('content/!!!.md').slice(0, 8).
    assert.equal(expandPermalink('/:year/:title/', context({ titlePath: '!!!', file: 'content/!!!.md' })), '/2016/47e4344e/');
  });
  await t.test('should keep file permalinks ending in .html', () => {
    assert.equal(expandPermalink('/:year/:title.html', context()), '/2016/Alpine-Linux.html');
  });
});

test('normalisePermalink', async (t) => {
  const cases: [string, string][] = [
    ['about', '/about/'],
    ['/about', '/about/'],
    ['/a//b/', '/a/b/'],
    ['/a/b.html', '/a/b.html'],
    ['/a/index.html', '/a/'],
    ['/tags/%E6%9C%8D%E5%8A%A1/', '/tags/服务/'],
  ];
  for (const [input, expected] of cases) {
    await t.test(`should turn ${input} into ${expected}`, () => assert.equal(normalisePermalink(input), expected));
  }
});
