import { fromHtml } from 'hast-util-from-html';
import { SENTENCE_END, summaryText } from '../markdown/excerpt.ts';

/** Longest summary, in characters (search engines show about this much). */
export const SUMMARY_LENGTH = 160;

/** Plain text of an HTML excerpt, code blocks left out, whitespace collapsed. */
export function htmlToPlainText(html: string): string {
  return summaryText(fromHtml(html, { fragment: true }).children);
}

/**
 * At most `maxLength` characters of `text`, cut after the last sentence end
 * that keeps at least half of it, else at a word boundary, else (Chinese
 * without spaces) at the limit, with `…` when something was cut.
 */
export function summarize(text: string, maxLength = SUMMARY_LENGTH): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= maxLength) return chars.join('');
  const head = chars.slice(0, maxLength).join('');
  let lastSentenceEnd = -1;
  for (const match of head.matchAll(SENTENCE_END)) lastSentenceEnd = match.index + match[0].length;
  if (lastSentenceEnd >= head.length / 2) return head.slice(0, lastSentenceEnd).trim();
  const room = chars.slice(0, maxLength - 1).join('');
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace >= room.length / 2 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,，、:：;；]+$/u, '')}…`;
}
