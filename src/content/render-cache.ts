import type { MarkdownProcessor } from '../markdown/processor.ts';
import { renderInlineMarkdown, renderMarkdown } from '../markdown/render.ts';
import type { LinkItemShape, RenderedMarkdown } from '../markdown/types.ts';
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
  /** Link item shapes the site recognises (`settings.linkItemShapes`). */
  linkItemShapes: readonly LinkItemShape[];
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

export interface RenderCacheOptions {
  /** The processor posts are rendered with (default: the process-wide one). */
  processor?: (() => Promise<MarkdownProcessor>) | null | undefined;
}

/**
 * Rendered posts, one slot per source file, owned by a BuildContext: the dev server loads posts on
 * every change and only edited files should pay for parsing and highlighting again.
 */
export class RenderCache {
  readonly #entries = new Map<string, Entry>();
  readonly #processor: (() => Promise<MarkdownProcessor>) | undefined;

  constructor(options: RenderCacheOptions = {}) {
    this.#processor = options.processor ?? undefined;
  }

  /** Renders a post body (and its description) unless the same file content was rendered before. */
  async render(request: RenderRequest): Promise<RenderResult & { fromCache: boolean }> {
    const key = [request.hash, request.file, request.lineOffset, request.extractTitle, request.excerptLength, request.hexoTags, request.description ?? '', request.linkItemShapes.join(',')].join('\0');
    const entry = this.#entries.get(request.sourceFile);
    if (entry && entry.key === key) {
      return { ...entry.result, fromCache: true };
    }
    const result = await renderPost(request, this.#processor ? await this.#processor() : undefined);
    this.#entries.set(request.sourceFile, { key, result });
    return { ...result, fromCache: false };
  }

  /** Forgets every rendered post (a settings change). */
  clear(): void {
    this.#entries.clear();
  }
}

/** Renders one post body and what derives from it alone. */
export async function renderPost(request: RenderRequest, processor?: MarkdownProcessor): Promise<RenderResult> {
  const hexo = request.hexoTags ? convertTagPlugins(request.body) : null;
  const rendered = await renderMarkdown(hexo ? hexo.text : request.body, {
    path: request.file,
    lineOffset: request.lineOffset,
    extractTitle: request.extractTitle,
    excerptLength: request.excerptLength,
    processor,
    linkItemShapes: request.linkItemShapes,
  });
  if (hexo) rendered.problems.push(...hexoTagProblems(hexo.notes, request.file, request.lineOffset));
  // renderInlineMarkdown already returns block HTML (`<p>…</p>`).
  const descriptionHtml = request.description ? await renderInlineMarkdown(request.description) : undefined;
  const excerptHtml = rendered.moreExcerptHtml ?? descriptionHtml ?? rendered.autoExcerptHtml;
  return {
    rendered,
    excerptHtml,
    summary: summarize(htmlToPlainText(excerptHtml) || rendered.text),
    readingTime: readingTime(rendered.text),
  };
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
