import { renderInlineMarkdown, renderMarkdown } from '../markdown/render.ts';
import type { RenderedMarkdown } from '../markdown/types.ts';
import type { Problem } from '../problems.ts';
import { convertTagPlugins, type TagNote } from './hexo-tags.ts';
import type { ReadingTime } from './post.ts';
import { readingTime } from './reading-time.ts';
import { htmlToPlainText, summarize } from './summary.ts';

export interface RenderRequest {
  /** Absolute source path: one cache slot per file, so edits replace, not pile up. */
  sourceFile: string;
  /** SHA-1 of the raw file. */
  hash: string;
  /** Shown in the renderer's problems. */
  file: string;
  body: string;
  lineOffset: number;
  extractTitle: boolean;
  excerptLength: number;
  /** Front-matter description to render inline, if any. */
  description?: string | undefined;
  /** The body comes from a Hexo `source/`: convert its tag plugins first. */
  hexoTags: boolean;
}

/** The rendered body and everything derived from it alone, so cache hits cost nothing more. */
export interface RenderResult {
  rendered: RenderedMarkdown;
  /** `<!-- more -->` part, else the rendered description, else the automatic excerpt. */
  excerptHtml: string;
  /** Plain text of the excerpt, about 160 characters. */
  summary: string;
  readingTime: ReadingTime;
}

interface Entry {
  key: string;
  result: RenderResult;
}

// Lives as long as the process: the dev server calls loadPosts on every change
// and only edited files should pay for parsing and highlighting again.
const cache = new Map<string, Entry>();

/** Renders a post body (and its description) unless the same file content was rendered before. */
export async function renderCached(request: RenderRequest): Promise<RenderResult & { fromCache: boolean }> {
  const key = [request.hash, request.file, request.lineOffset, request.extractTitle, request.excerptLength, request.hexoTags].join('\0');
  const entry = cache.get(request.sourceFile);
  if (entry && entry.key === key) {
    return { ...entry.result, fromCache: true };
  }
  const hexo = request.hexoTags ? convertTagPlugins(request.body) : null;
  const rendered = await renderMarkdown(hexo ? hexo.text : request.body, {
    path: request.file,
    lineOffset: request.lineOffset,
    extractTitle: request.extractTitle,
    excerptLength: request.excerptLength,
  });
  if (hexo) rendered.problems.push(...hexoTagProblems(hexo.notes, request.file, request.lineOffset));
  // renderInlineMarkdown already returns block HTML (`<p>…</p>`).
  const descriptionHtml = request.description ? await renderInlineMarkdown(request.description) : undefined;
  const excerptHtml = rendered.moreExcerptHtml ?? descriptionHtml ?? rendered.autoExcerptHtml;
  const result: RenderResult = {
    rendered,
    excerptHtml,
    summary: summarize(htmlToPlainText(excerptHtml) || rendered.text),
    readingTime: readingTime(rendered.text),
  };
  cache.set(request.sourceFile, { key, result });
  return { ...result, fromCache: false };
}

/**
 * A Hexo `source/` is built as it is: its tag plugins (`{% asset_img %}`, `{% codeblock %}`,
 * `{% raw %}`) become Markdown as `import-hexo` writes them; the others are reported here.
 */
function hexoTagProblems(notes: readonly TagNote[], file: string, lineOffset: number): Problem[] {
  return notes.map((note) => ({
    file,
    line: lineOffset + note.line,
    column: note.column,
    severity: 'warning',
    ruleId: 'hexo-tag',
    message:
      note.kind === 'unknown'
        ? `Hexo tag \`{% ${note.name} %}\` has no weeklog equivalent and is shown as written. Replace it with Markdown or HTML.`
        : `Hexo tag \`{% ${note.name} %}\` has no \`{% end${note.name} %}\` and is shown as written. Close it or replace it with Markdown.`,
  }));
}

/** Forgets every rendered post (tests; a settings change). */
export function clearRenderCache(): void {
  cache.clear();
}
