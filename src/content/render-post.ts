import type { MarkdownProcessor } from '../markdown/processor.ts';
import { renderInlineMarkdown, renderMarkdown } from '../markdown/render.ts';
import type { Problem } from '../problems.ts';
import { convertTagPlugins, type TagNote } from './hexo-tags.ts';
import { readingTime } from './reading-time.ts';
import type { RenderRequest, RenderResult } from './render-cache.ts';
import { htmlToPlainText, summarize } from './summary.ts';

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
    imageDirs: request.imageDirs,
  });
  if (hexo) rendered.problems.push(...hexoTagProblems(hexo.notes, request.file, request.lineOffset));
  // renderInlineMarkdown already returns block HTML (`<p>…</p>`).
  const descriptionHtml = request.description ? await renderInlineMarkdown(request.description) : undefined;
  const excerptHtml = rendered.moreExcerptHtml ?? descriptionHtml ?? rendered.autoExcerptHtml;
  // The excerpts made from the post's tree come with their text; only a description is parsed again.
  const excerptText =
    rendered.moreExcerptHtml !== undefined ? rendered.moreExcerptText! : descriptionHtml !== undefined ? htmlToPlainText(descriptionHtml) : rendered.autoExcerptText;
  return {
    rendered,
    excerptHtml,
    summary: summarize(excerptText || rendered.text),
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
