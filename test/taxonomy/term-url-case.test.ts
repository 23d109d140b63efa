import assert from 'node:assert/strict';
import test from 'node:test';
import { validateSettings } from '../../src/config/settings.ts';
import { buildTaxonomy } from '../../src/taxonomy/build-taxonomy.ts';
import { makePost } from '../helpers/make-post.ts';

const projectDir = process.cwd();

function posts() {
  // Newest first; "SRE" is the spelling used most, so it names the term.
  return [
    makePost({ title: 'A', date: new Date('2018-03-01T00:00:00Z'), categories: ['Cloud Native', 'Kubernetes'], frontMatterTags: ['SRE'] }),
    makePost({ title: 'B', date: new Date('2018-02-01T00:00:00Z'), categories: ['cloud native'], frontMatterTags: ['sre', 'Service Mesh'] }),
    makePost({ title: 'C', date: new Date('2018-01-01T00:00:00Z'), categories: ['Cloud Native'], frontMatterTags: ['SRE'] }),
  ];
}

test('termUrlCase', async (t) => {
  await t.test('should keep the written case in term URLs with `keep`, merging spellings case-blind', () => {
    const taxonomy = buildTaxonomy(posts(), validateSettings({ autoTag: 'off', termUrlCase: 'keep', tagMap: { 'Service Mesh': 'Mesh' } }), { projectDir });
    assert.deepEqual(taxonomy.tags.map((tag) => [tag.name, tag.url, tag.posts.length]).sort(), [
      ['SRE', '/tags/SRE/', 3],
      ['Service Mesh', '/tags/Mesh/', 1],
    ]);
    assert.deepEqual(taxonomy.allCategories.map((c) => c.url), ['/categories/Cloud-Native/', '/categories/Cloud-Native/Kubernetes/']);
  });

  await t.test('should lower-case term URLs by default', () => {
    const taxonomy = buildTaxonomy(posts(), validateSettings({ autoTag: 'off' }), { projectDir });
    assert.deepEqual(taxonomy.tags.map((tag) => tag.url).sort(), ['/tags/service-mesh/', '/tags/sre/']);
    assert.deepEqual(taxonomy.allCategories.map((c) => c.url), ['/categories/cloud-native/', '/categories/cloud-native/kubernetes/']);
  });
});
