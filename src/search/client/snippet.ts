import { isWordStart, normalizeText } from '../tokenize.ts';
import type { QueryTerm } from '../tokenize.ts';

/** A piece of excerpt text; `mark` pieces matched the query. */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

/** Where the query terms occur in `text`, as [start, end) offsets into the original text. */
function matchRanges(text: string, terms: readonly QueryTerm[]): [number, number][] {
  // Normalize a character with its combining marks at a time and remember where each
  // normalized unit came from, so matches in folded text map back onto the text as written.
  let folded = '';
  const origin: number[] = [];
  let offset = 0;
  for (const [char] of text.matchAll(/\P{M}\p{M}*|\p{M}+/gsu)) {
    const normal = normalizeText(char);
    for (let i = 0; i < normal.length; i++) origin.push(offset);
    folded += normal;
    offset += char.length;
  }
  origin.push(text.length);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const needle = term.kind === 'han' && term.prefix ? term.tokens[0] : term.text;
    if (!needle) continue;
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length)) {
      // Latin words match at the start of a word only, as the index does.
      if (term.kind === 'word' && !isWordStart(folded, at)) continue;
      ranges.push([origin[at], origin[at + needle.length]]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** A window of about `width` characters around the first match, split into marked and plain parts. */
export function makeSnippet(text: string, terms: readonly QueryTerm[], width = 110): SnippetPart[] {
  const ranges = matchRanges(text, terms);
  let start = ranges.length > 0 ? Math.max(0, ranges[0][0] - Math.floor(width / 4)) : 0;
  const end = Math.min(text.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  const parts: SnippetPart[] = [];
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    if (from > at) parts.push({ text: text.slice(at, from), mark: false });
    parts.push({ text: text.slice(Math.max(from, at), Math.min(to, end)), mark: true });
    at = Math.min(to, end);
  }
  if (at < end) parts.push({ text: text.slice(at, end), mark: false });
  if (start > 0) parts.unshift({ text: '…', mark: false });
  if (end < text.length) parts.push({ text: '…', mark: false });
  return parts;
}
