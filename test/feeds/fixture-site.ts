import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validateSettings, type Settings } from '../../src/config/settings.ts';
import type { Post } from '../../src/content/post.ts';
import { loadPosts } from '../../src/content/load-posts.ts';
import { buildTaxonomy } from '../../src/taxonomy/build-taxonomy.ts';
import type { Taxonomy } from '../../src/taxonomy/types.ts';

/**
 * The hostile post is written from code rather than kept as a file: it holds
 * control characters that editors and git tools would mangle.
 */
export const hostileTitle = `<script>alert(1)</script> & "quotes" 'single' 🚀`;
/** Ends up in XML attributes (Atom `category`), where `<` and `&` must be escaped. */
export const hostileTag = `C<T> & "co"`;

const files: Record<string, string> = {
  'posts/hostile.md': [
    '---',
    // YAML escapes put U+0001 and U+FFFE into the title; they must not reach any XML.
    `title: "${hostileTitle.replaceAll('"', '\\"')}\\x01\\uFFFE"`,
    'date: 2017-03-05 07:59:01',
    'categories: [Cloud, Kubernetes]',
    `tags: [Docker, Kubernetes, '${hostileTag}']`,
    '---',
    '',
    'Intro with an emoji 🚀 and a control character: A\u0002B, a non-character \uFFFF.',
    '',
    '<!-- more -->',
    '',
    '![diagram](img/a.png) ![root](/images/x.jpg) [anchor](#section-two) [sibling](../other/)',
    '',
    '<img src="img/b.png" srcset="img/b.png 1x, /images/b@2x.png 2x">',
    '',
    '<video poster="poster.jpg"><source src="clip.mp4"></video>',
    '',
    '<p onclick="alert(2)">click</p><script>alert(3)</script>',
    '',
    '```',
    'a]]>b]]>c',
    '```',
    '',
    'Prose with ]]> once and ]]> twice.',
    '',
    '## Section two',
    '',
    'kubectl get pods; kubectl describe pod.',
    '',
  ].join('\n'),
  'posts/weekly-reading.md': [
    '---',
    'title: Weekly reading 2017-03',
    'date: 2017-03-06 10:00:00',
    'category: Readings',
    'tags: []',
    '---',
    '',
    '## [Istio 服务网格入门](https://istio.io/latest/docs/)',
    '',
    '介绍 Istio 的控制面与 envoy sidecar。',
    '',
    "## [Google's SRE book](https://sre.google/books/)",
    '',
    'Not about Go at all; restart your reading.',
    '',
    '## [SystemTap 追踪 TCP](https://www.example.com/stap)',
    '',
    '用 stap 脚本观察内核。',
    '',
  ].join('\n'),
  'posts/mesh-notes.md': ['---', 'title: 服务网格笔记', 'date: 2017-02-01 09:00:00', 'categories: [Cloud]', 'tags: [服务网格, kubernetes]', '---', '', '正文。', ''].join('\n'),
  'posts/wide.md': ['---', 'title: Wide tags', 'date: 2017-01-01 09:00:00', 'categories: [cloud, kubernetes]', 'tags: [ＫＵＢＥＲＮＥＴＥＳ]', '---', '', 'Text.', ''].join('\n'),
  'posts/plain.md': ['---', 'title: Plain', 'date: 2016-12-05 07:59:01', 'updated: 2017-04-01 08:00:00', 'categories: [Cloud, Kubernetes]', 'tags: [Kubernetes]', '---', '', 'Old text.', ''].join('\n'),
};

export interface FixtureSite {
  projectDir: string;
  settings: Settings;
  posts: Post[];
  taxonomy: Taxonomy;
}

/** The fixture site with `overrides` of its settings and `extraFiles` (content-relative path → text) added or replaced. */
export async function buildFixtureSite(overrides: Record<string, unknown> = {}, extraFiles: Record<string, string> = {}): Promise<FixtureSite> {
  const projectDir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-feeds-'));
  for (const [name, body] of Object.entries({ ...files, ...extraFiles })) {
    const file = path.join(projectDir, 'content', name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
  }
  const settings = validateSettings({
    title: 'Test <Site> & Co',
    description: 'Notes & links',
    author: 'Ada',
    url: 'https://example.org/blog/',
    ...overrides,
  });
  const { posts, problems } = await loadPosts(settings, { projectDir, mode: 'build', now: new Date('2020-01-01T00:00:00Z') });
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) throw new Error(`fixture site has errors: ${JSON.stringify(errors)}`);
  const taxonomy = buildTaxonomy(posts, settings, { projectDir });
  return { projectDir, settings, posts, taxonomy };
}
