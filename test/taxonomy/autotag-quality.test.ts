import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { validateSettings } from '../../src/config/settings.ts';
import { loadPosts } from '../../src/content/load-posts.ts';
import { buildTaxonomy } from '../../src/taxonomy/build-taxonomy.ts';

/**
 * 42 posts labelled by hand with the tags an author would accept, written to hold
 * the traps real digests hold: Chinese terms inside longer words (神经网络, 社交网络,
 * 分布式光伏, 视频监控, 食品安全, 延迟发布), a footer on most posts (…的网络日志),
 * passing mentions, and `go` as an English verb.
 */
const projectDir = fileURLToPath(new URL('./fixtures/labelled/', import.meta.url));
const labels: Record<string, string[]> = JSON.parse(readFileSync(new URL('./fixtures/labelled/labels.json', import.meta.url), 'utf8'));

test('auto-tags on the labelled set', async (t) => {
  const settings = validateSettings({ autoTag: 'add' });
  const { posts } = await loadPosts(settings, { projectDir, mode: 'build', now: new Date('2021-01-01T00:00:00Z') });
  buildTaxonomy(posts, settings, { projectDir });
  assert.equal(posts.length, Object.keys(labels).length);

  let correct = 0;
  let given = 0;
  let wanted = 0;
  const wrong: string[] = [];
  for (const post of posts) {
    const slug = post.relativePath.replace(/\.md$/u, '');
    const expected = new Set(labels[slug]);
    given += post.autoTags.length;
    wanted += expected.size;
    for (const tag of post.autoTags) {
      if (expected.has(tag)) correct++;
      else wrong.push(`${slug}: +${tag}`);
    }
    for (const tag of expected) if (!post.autoTags.includes(tag)) wrong.push(`${slug}: -${tag}`);
  }
  const precision = correct / given;
  const recall = correct / wanted;
  t.diagnostic(`precision ${precision.toFixed(3)} (${correct}/${given}), recall ${recall.toFixed(3)} (${correct}/${wanted})`);
  t.diagnostic(wrong.join('; '));

  await t.test('should tag with precision of at least 0.9', () => assert.ok(precision >= 0.9, `precision ${precision}: ${wrong.join('; ')}`));
  await t.test('should keep recall at least 0.85', () => assert.ok(recall >= 0.85, `recall ${recall}: ${wrong.join('; ')}`));
  await t.test('should never tag Networking from 神经网络, 社交网络 or the footer', () => {
    const networking = posts.filter((post) => post.autoTags.includes('Networking')).map((post) => post.relativePath);
    assert.deepEqual(networking, ['tcp-bbr.md']);
  });
});
