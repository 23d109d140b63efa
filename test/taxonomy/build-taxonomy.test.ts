import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { validateSettings } from '../../src/config/settings.ts';
import type { Post } from '../../src/content/post.ts';
import { buildTaxonomy } from '../../src/taxonomy/build-taxonomy.ts';
import { linkItem, makePost } from '../helpers/make-post.ts';

const projectDir = process.cwd();

function samplePosts(): Post[] {
  // Newest first, as loadPosts returns them.
  return [
    makePost({ title: 'Newest', date: new Date('2017-03-01T00:00:00Z'), categories: ['cloud', 'kubernetes'], frontMatterTags: ['ＫＵＢＥＲＮＥＴＥＳ'] }),
    makePost({ title: 'Middle', date: new Date('2017-02-01T00:00:00Z'), categories: ['Cloud', 'Docker'], frontMatterTags: ['kubernetes', 'Docker'] }),
    makePost({ title: 'Oldest', date: new Date('2017-01-01T00:00:00Z'), categories: ['Cloud'], frontMatterTags: ['Kubernetes', '服务网格'] }),
    makePost({ title: 'Elsewhere', date: new Date('2016-12-01T00:00:00Z'), categories: ['Cloud', 'Kubernetes'], frontMatterTags: ['kubernetes'] }),
  ];
}

test('buildTaxonomy', async (t) => {
  await t.test('should build the category hierarchy with parents holding their children\'s posts', () => {
    const posts = samplePosts();
    const taxonomy = buildTaxonomy(posts, validateSettings({ autoTag: 'off' }), { projectDir });
    assert.deepEqual(taxonomy.categories.map((c) => c.name), ['Cloud']);
    const cloud = taxonomy.categories[0];
    assert.equal(cloud.url, '/categories/cloud/');
    assert.deepEqual(cloud.children.map((c) => [c.name, c.url]), [
      ['Docker', '/categories/cloud/docker/'],
      ['Kubernetes', '/categories/cloud/kubernetes/'],
    ]);
    assert.deepEqual(cloud.posts.map((p) => p.title), ['Newest', 'Middle', 'Oldest', 'Elsewhere']);
    const kubernetes = cloud.children[1];
    assert.equal(kubernetes.parent, cloud);
    assert.deepEqual(kubernetes.path, ['Cloud', 'Kubernetes']);
    assert.deepEqual(kubernetes.posts.map((p) => p.title), ['Newest', 'Elsewhere']);
    assert.deepEqual(taxonomy.allCategories.map((c) => c.url), ['/categories/cloud/', '/categories/cloud/docker/', '/categories/cloud/kubernetes/']);
    assert.deepEqual(posts[0].categoryRefs, [
      { name: 'Cloud', url: '/categories/cloud/' },
      { name: 'Kubernetes', url: '/categories/cloud/kubernetes/' },
    ]);
  });

  await t.test('should file a post with several category paths under each, named by the first', () => {
    const post = makePost({
      title: 'Both',
      date: new Date('2017-01-01T00:00:00Z'),
      categories: ['Cloud', 'Kubernetes'],
      categoryPaths: [['Cloud', 'Kubernetes'], ['Linux']],
    });
    const taxonomy = buildTaxonomy([post], validateSettings({ autoTag: 'off' }), { projectDir });
    assert.deepEqual(taxonomy.allCategories.map((c) => [c.url, c.posts.length]), [
      ['/categories/cloud/', 1],
      ['/categories/cloud/kubernetes/', 1],
      ['/categories/linux/', 1],
    ]);
    assert.deepEqual(post.categoryRefs.map((ref) => ref.name), ['Cloud', 'Kubernetes']);
  });

  await t.test('should merge tags differing by case or width into the most used spelling and list the merge', () => {
    const posts = samplePosts();
    const taxonomy = buildTaxonomy(posts, validateSettings({ autoTag: 'off' }), { projectDir });
    const kubernetes = taxonomy.tags.filter((tag) => tag.slug === 'kubernetes');
    assert.equal(kubernetes.length, 1);
    assert.equal(kubernetes[0].name, 'kubernetes'); // used twice; the others once
    assert.equal(kubernetes[0].url, '/tags/kubernetes/');
    assert.equal(kubernetes[0].posts.length, 4);
    assert.ok(taxonomy.merges.includes('merged tags "Kubernetes", "ＫＵＢＥＲＮＥＴＥＳ" into "kubernetes"'), taxonomy.merges.join('\n'));
    assert.ok(taxonomy.merges.includes('merged categories "cloud" into "Cloud"'), taxonomy.merges.join('\n'));
    // One spelling each: the oldest post's wins.
    assert.ok(taxonomy.merges.includes('merged categories "kubernetes" into "Kubernetes" (under Cloud)'), taxonomy.merges.join('\n'));
    assert.deepEqual(posts[0].tags, ['kubernetes']);
    assert.deepEqual(posts[2].tagRefs, [
      { name: 'kubernetes', url: '/tags/kubernetes/' },
      { name: '服务网格', url: '/tags/服务网格/' },
    ]);
  });

  await t.test('should break spelling ties by the oldest post', () => {
    const posts = [
      makePost({ title: 'B', date: new Date('2017-02-01T00:00:00Z'), frontMatterTags: ['DOCKER'] }),
      makePost({ title: 'A', date: new Date('2017-01-01T00:00:00Z'), frontMatterTags: ['Docker'] }),
    ];
    const taxonomy = buildTaxonomy(posts, validateSettings({ autoTag: 'off' }), { projectDir });
    assert.deepEqual(taxonomy.tags.map((tag) => tag.name), ['Docker']);
    assert.deepEqual(posts[0].tags, ['Docker']);
  });

  await t.test('should re-slug terms with categoryMap and tagMap', () => {
    const posts = samplePosts();
    const settings = validateSettings({ autoTag: 'off', categoryMap: { Cloud: 'yun', Kubernetes: 'k8s' }, tagMap: { 服务网格: 'service-mesh', Kubernetes: 'K8S' } });
    const taxonomy = buildTaxonomy(posts, settings, { projectDir });
    assert.deepEqual(taxonomy.allCategories.map((c) => c.url), ['/categories/yun/', '/categories/yun/docker/', '/categories/yun/k8s/']);
    assert.equal(taxonomy.tags.find((tag) => tag.name === '服务网格')?.url, '/tags/service-mesh/');
    // The map applies to every spelling that folds to the mapped name.
    assert.deepEqual(taxonomy.tags.filter((tag) => tag.url === '/tags/k8s/').map((tag) => tag.posts.length), [4]);
  });

  await t.test('should add vocabulary tags in `add` mode from title, headings and text', () => {
    const post = makePost({
      title: 'Weekly reading list',
      date: new Date('2017-01-01T00:00:00Z'),
      frontMatterTags: [],
      headings: [{ depth: 2, id: 'a', text: '用 kubectl 排查问题', line: 3 }],
      text: '本周介绍 Docker-Compose 与服务网格的实践，以及 ＤＯＣＫＥＲ 和 Service-Mesh。Google and restart are not tags.',
    });
    buildTaxonomy([post], validateSettings({ autoTag: 'add' }), { projectDir });
    assert.deepEqual(post.tags, ['Kubernetes', 'Docker', 'Service Mesh']);
    assert.deepEqual(post.autoTags, post.tags);
  });

  await t.test('should keep only the strongest `maxAutoTags` tags: headings first, then the most mentioned', () => {
    const text = [
      'redis redis redis redis redis', 'kafka kafka kafka kafka', 'mysql mysql mysql', 'nginx nginx nginx',
      'python python', 'etcd etcd', 'helm helm', 'java java', 'mesos mesos',
    ].join('。');
    const post = makePost({
      title: '本周阅读',
      date: new Date('2017-01-01T00:00:00Z'),
      headings: [{ depth: 2, id: 'a', text: 'eBPF 入门', line: 3 }],
      text,
    });
    buildTaxonomy([post], validateSettings({ autoTag: 'add', maxAutoTags: 4 }), { projectDir });
    // eBPF is in a heading; Redis, Kafka and then MySQL or Nginx (3 mentions each, vocabulary order) follow.
    assert.deepEqual(post.tags, ['eBPF', 'Redis', 'MySQL', 'Kafka']);
    const unlimited = makePost({ title: '本周阅读', date: new Date('2017-01-01T00:00:00Z'), headings: post.headings, text });
    buildTaxonomy([unlimited], validateSettings({ autoTag: 'add' }), { projectDir });
    assert.equal(unlimited.tags.length, 8, 'the default keeps 8 of the 10 matches');
  });

  await t.test('should not match `go` in `google`, `rest` in `restart`, nor guarded terms in body text', () => {
    const post = makePost({ title: 'Notes', date: new Date('2017-01-01T00:00:00Z'), text: 'Go to google, restart, then rest. Go and REST in text only.' });
    buildTaxonomy([post], validateSettings({ autoTag: 'add' }), { projectDir });
    assert.deepEqual(post.tags, []);
    const titled = makePost({ title: 'Go 1.8 发布与 REST 设计', date: new Date('2017-01-01T00:00:00Z'), text: '用 golang 写 restful 服务' });
    buildTaxonomy([titled], validateSettings({ autoTag: 'add' }), { projectDir });
    assert.deepEqual(titled.tags, ['RESTful API', 'Go']);
  });

  await t.test('should not tag a post from a passing mention, even in a link item\'s note, and tag the item from it', () => {
    const post = makePost({
      title: '镜像瘦身',
      date: new Date('2017-01-01T00:00:00Z'),
      headings: [{ depth: 2, id: 'b', text: '[一篇文章](https://example.com/a)', line: 5 }],
      text: '线程栈小会导致某些 Java 扩展崩溃。一篇讲 Redis 的文章。',
      linkItems: [linkItem('一篇文章', 'https://example.com/a', '一篇讲 Redis 的文章。', 'b')],
    });
    const taxonomy = buildTaxonomy([post], validateSettings({ autoTag: 'add' }), { projectDir });
    assert.deepEqual(taxonomy.links[0].tags, ['Redis']);
    // Redis and Java are each mentioned once in passing: not what the post is about.
    assert.deepEqual(post.tags, []);
  });

  await t.test('should not add a vocabulary tag when a front-matter tag is one of its terms', () => {
    const post = makePost({ title: '存储驱动对比', date: new Date('2017-01-01T00:00:00Z'), frontMatterTags: ['存储', 'REST'], text: '存储，存储。REST 风格' });
    buildTaxonomy([post], validateSettings({ autoTag: 'add' }), { projectDir });
    assert.deepEqual(post.tags, ['存储', 'REST']);
  });

  await t.test('should merge vocabulary tags with front-matter spellings', () => {
    const post = makePost({ title: 'k8s notes', date: new Date('2017-01-01T00:00:00Z'), frontMatterTags: ['kubernetes'], text: 'kubectl get pods' });
    const other = makePost({ title: 'more', date: new Date('2016-01-01T00:00:00Z'), frontMatterTags: ['kubernetes'] });
    const taxonomy = buildTaxonomy([post, other], validateSettings({ autoTag: 'add' }), { projectDir });
    assert.deepEqual(post.tags, ['kubernetes']);
    assert.deepEqual(post.autoTags, []);
    assert.deepEqual(taxonomy.tags.map((tag) => tag.name), ['kubernetes']);
  });

  await t.test('should only report suggestions in `suggest` mode, and do nothing in `off` mode', () => {
    const make = () => makePost({ title: 'eBPF 与 SystemTap', date: new Date('2017-01-01T00:00:00Z'), frontMatterTags: ['Tracing'] });
    const suggested = make();
    const taxonomy = buildTaxonomy([suggested], validateSettings({ autoTag: 'suggest' }), { projectDir });
    assert.deepEqual(suggested.tags, ['Tracing']);
    assert.equal(taxonomy.problems.length, 1);
    const [problem] = taxonomy.problems;
    assert.equal(problem.ruleId, 'suggest-tags');
    assert.equal(problem.severity, 'warning');
    assert.equal(problem.file, suggested.file);
    assert.match(problem.message, /^could be tagged: SystemTap, eBPF\./u);
    const off = make();
    const quiet = buildTaxonomy([off], validateSettings({ autoTag: 'off' }), { projectDir });
    assert.deepEqual(off.tags, ['Tracing']);
    assert.equal(quiet.problems.length, 0);
  });

  await t.test('should collect link items with their own tags, newest post first', () => {
    const older = makePost({
      title: 'Week 1',
      date: new Date('2016-12-05T00:00:00Z'),
      linkItems: [linkItem('Understanding SELinux Roles', 'http://danwalsh.livejournal.com/75683.html', 'semanage user -l 列出角色', 'understanding-selinux-roles')],
    });
    const newer = makePost({
      title: 'Week 2',
      date: new Date('2016-12-12T00:00:00Z'),
      linkItems: [
        linkItem('Istio 入门', 'https://www.example.com/istio', '服务网格的控制面', 'istio-入门'),
        linkItem('An essay', 'https://example.org/essay', 'nothing technical', 'an-essay'),
      ],
    });
    const taxonomy = buildTaxonomy([newer, older], validateSettings({}), { projectDir });
    assert.deepEqual(
      taxonomy.links.map((link) => [link.title, link.post.title, link.tags]),
      [
        ['Istio 入门', 'Week 2', ['Service Mesh', 'Istio']],
        ['An essay', 'Week 2', []],
        ['Understanding SELinux Roles', 'Week 1', ['SELinux']],
      ],
    );
    assert.equal(taxonomy.links[0].domain, 'example.com');
    assert.deepEqual(taxonomy.links[0].tagSlugs, ['service-mesh', 'istio']);
    // A reading list is about what its items are about.
    assert.deepEqual(older.tags, ['SELinux']);
    assert.deepEqual(newer.tags, ['Service Mesh', 'Istio']);
  });

  await t.test('should read the vocabulary named by settings.tagVocabulary', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-vocabulary-'));
    await writeFile(path.join(dir, 'tags.yml'), '# mine\nPlants: [fern, 蕨类]\n');
    const post = makePost({ title: 'Ferns', date: new Date('2017-01-01T00:00:00Z'), text: '一种蕨类，另一种蕨类 and kubernetes, kubectl' });
    buildTaxonomy([post], validateSettings({ tagVocabulary: 'tags.yml' }), { projectDir: dir });
    assert.deepEqual(post.tags, ['Plants']);
    await writeFile(path.join(dir, 'bad.yml'), 'Plants: {a: 1}\n');
    assert.throws(() => buildTaxonomy([post], validateSettings({ tagVocabulary: 'bad.yml' }), { projectDir: dir }), {
      name: 'VocabularyError',
      message: /bad\.yml: tag `Plants` must have a list of terms/u,
    });
  });
});
