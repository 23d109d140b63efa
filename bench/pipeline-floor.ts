/**
 * The least any build through the required Markdown pipeline can cost: every post of a corpus
 * through remark-parse → remark-gfm → remark-rehype → shiki → rehype-stringify and nothing else,
 * split over one worker thread per core. No weeklog plugin, no page, feed, search index or file
 * written; code in a language outside the preloaded list is left plain (weeklog loads it). The
 * bench runs it beside the peers so a cold build's ratio can be read against it.
 *
 *   npx tsx bench/pipeline-floor.ts CONTENT_DIR [--threads N]
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import matter from 'gray-matter';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { createHighlighter, type Highlighter } from 'shiki';
import { unified } from 'unified';
import { workerThroughTsx } from '../src/compiled.ts';
import { PRELOADED_LANGUAGES } from '../src/markdown/highlighter.ts';

interface Share {
  files: string[];
}

/** The render pool's young generation (src/content/render-pool.ts), so GC costs the same. */
const YOUNG_GENERATION_MB = 64;

/** shiki's own rehype integration in its simplest form: each `<pre><code>` replaced by its highlighted tree. */
function rehypeShikiPlain(highlighter: Highlighter, made: Made) {
  const loaded = new Set<string>(highlighter.getLoadedLanguages());
  const highlight = (children: (RootContent | ElementContent)[]): void => {
    children.forEach((node, index) => {
      if (node.type !== 'element') return;
      const code = node.tagName === 'pre' ? node.children[0] : undefined;
      if (code?.type !== 'element' || code.tagName !== 'code') return highlight(node.children);
      const language = (code.properties.className as string[] | undefined)?.[0]?.replace(/^language-/, '') ?? 'text';
      const text = code.children[0]?.type === 'text' ? code.children[0].value : '';
      const known = loaded.has(language);
      made[known ? 'highlighted' : 'plain']++;
      const tree = highlighter.codeToHast(text, { lang: known ? language : 'text', theme: 'github-light' });
      children[index] = tree.children[0] as Element;
    });
  };
  return () => (tree: Root) => highlight(tree.children);
}

/** What a thread made, said at the end so a run shows the work was done. */
interface Made {
  posts: number;
  htmlBytes: number;
  /** Code blocks shiki tokenized with their language's grammar. */
  highlighted: number;
  /** Code blocks in a language outside the preloaded list, made plain by shiki. */
  plain: number;
}

async function renderShare({ files }: Share): Promise<Made> {
  const highlighter = await createHighlighter({ themes: ['github-light'], langs: [...PRELOADED_LANGUAGES] });
  const made: Made = { posts: 0, htmlBytes: 0, highlighted: 0, plain: 0 };
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeShikiPlain(highlighter, made)).use(rehypeStringify);
  for (const file of files) {
    const html = String(await processor.process(matter(readFileSync(file, 'utf8')).content));
    made.posts++;
    made.htmlBytes += Buffer.byteLength(html);
  }
  return made;
}

function markdownFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((file) => file.endsWith('.md')).sort().map((file) => path.join(dir, file));
}

if (isMainThread) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { threads: { type: 'string' } } });
  const contentDir = positionals[0];
  if (!contentDir) throw new TypeError('usage: npx tsx bench/pipeline-floor.ts CONTENT_DIR [--threads N]');
  const threads = Number(values.threads ?? os.availableParallelism());
  const files = markdownFiles(contentDir);
  // Dealt out in turn: the generated posts' sizes do not follow their names, so the shares come out even.
  const shares: Share[] = Array.from({ length: threads }, (_, thread) => ({ files: files.filter((_, index) => index % threads === thread) }));
  const made = await Promise.all(
    shares.map(
      (share) =>
        new Promise<Made>((resolve, reject) => {
          const worker = workerThroughTsx(import.meta.url, { workerData: share, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
          worker.once('message', resolve).on('error', reject);
          worker.on('exit', (exitCode) => reject(new Error(`a floor thread exited with ${exitCode} before its answer`)));
        }),
    ),
  );
  const sum = (pick: (m: Made) => number) => made.reduce((total, m) => total + pick(m), 0);
  console.log(`${sum((m) => m.posts)} posts → ${(sum((m) => m.htmlBytes) / 1e6).toFixed(2)} MB of HTML, ${sum((m) => m.highlighted)} code blocks highlighted, ${sum((m) => m.plain)} left plain, in ${threads} threads`);
} else {
  parentPort!.postMessage(await renderShare(workerData as Share));
}
