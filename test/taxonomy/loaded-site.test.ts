import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { validateSettings } from '../../src/config/settings.ts';
import { loadPosts } from '../../src/content/load-posts.ts';
import { buildTaxonomy } from '../../src/taxonomy/build-taxonomy.ts';

const projectDir = fileURLToPath(new URL('./fixtures/site/', import.meta.url));

async function load(autoTag: 'off' | 'add' | 'suggest') {
  const settings = validateSettings({ autoTag });
  const { posts, problems } = await loadPosts(settings, { projectDir, mode: 'build', now: new Date('2020-01-01T00:00:00Z') });
  assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
  return { posts, taxonomy: buildTaxonomy(posts, settings, { projectDir }) };
}

test('buildTaxonomy on posts read by loadPosts', async (t) => {
  await t.test('should give a reading list with `tags: []` meaningful tags, and its link items their own', async () => {
    const { posts, taxonomy } = await load('add');
    const weekly = posts.find((post) => post.title === 'Weekly reading list')!;
    assert.deepEqual(weekly.frontMatterTags, []);
    assert.deepEqual(weekly.tags, ['Kubernetes', 'SELinux', 'Distributed Systems']);
    assert.deepEqual(
      taxonomy.links.map((link) => [link.title, link.tags]),
      [
        ['分布式后台毫秒服务引擎', ['Distributed Systems', 'Monitoring']],
        ['Understanding SELinux Roles', ['SELinux']],
        ['Kubernetes 1.5 发布', ['Kubernetes']],
        ['Why Google stores billions of lines in one repository', []],
      ],
    );
    assert.equal(taxonomy.links[2].domain, 'kubernetes.io');
    assert.equal(taxonomy.links[0].post, weekly);
  });

  await t.test('should merge Kubernetes spellings across front matter, width and the vocabulary', async () => {
    const { posts, taxonomy } = await load('add');
    const kubernetes = taxonomy.tags.filter((tag) => tag.slug === 'kubernetes');
    assert.equal(kubernetes.length, 1);
    // `Kubernetes`: once in front matter and once from the vocabulary; the others once each.
    assert.equal(kubernetes[0].name, 'Kubernetes');
    assert.equal(kubernetes[0].posts.length, 4);
    assert.ok(taxonomy.merges.includes('merged tags "kubernetes", "ＫＵＢＥＲＮＥＴＥＳ" into "Kubernetes"'), taxonomy.merges.join('\n'));
    const k8s = posts.find((post) => post.title.startsWith('在 k8s'))!;
    assert.deepEqual(k8s.tags, ['Kubernetes', 'Docker', '容器']);
    assert.deepEqual(k8s.autoTags, ['Docker', '容器']);
    assert.deepEqual(
      taxonomy.allCategories.map((term) => [term.url, term.posts.length]),
      [
        ['/categories/cloud/', 3],
        ['/categories/cloud/kubernetes/', 2],
        ['/categories/readings/', 1],
      ],
    );
    assert.equal(taxonomy.tags.find((tag) => tag.name === '服务网格')?.url, '/tags/服务网格/');
  });

  await t.test('should point `suggest-tags` warnings at the `tags:` line and leave tags alone', async () => {
    const { posts, taxonomy } = await load('suggest');
    const weekly = posts.find((post) => post.title === 'Weekly reading list')!;
    assert.deepEqual(weekly.tags, []);
    const problem = taxonomy.problems.find((p) => p.file === weekly.file)!;
    assert.equal(problem.ruleId, 'suggest-tags');
    assert.equal(problem.line, 5);
    assert.equal(problem.column, 7);
    assert.equal(problem.message.split('.')[0], 'could be tagged: Kubernetes, SELinux, Distributed Systems');
    assert.equal(path.posix.basename(problem.file), '2016-12-05-weekly.md');
  });

  await t.test('should use front-matter tags only when auto-tagging is off', async () => {
    const { posts, taxonomy } = await load('off');
    assert.deepEqual(posts.find((post) => post.title === 'Weekly reading list')!.tags, []);
    assert.deepEqual(taxonomy.links.map((link) => link.tags), [[], [], [], []]);
    assert.deepEqual(taxonomy.problems, []);
  });
});
