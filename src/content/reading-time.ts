import type { ReadingTime } from './post.ts';

// Runs, not single characters: a match (and a string) per character was most of the cost.
const hanRun = /\p{Script=Han}+/gu;
// A Latin "word" includes digits and inner apostrophes/dots/hyphens: `Go's`, `v1.2`, `e-mail`.
const latinWord = /[\p{Script=Latin}\d]+(?:['’.\-][\p{Script=Latin}\d]+)*/gu;

/** Han characters per minute (default reading speed for Chinese). */
export const HAN_PER_MINUTE = 400;
/** Latin words per minute. */
export const WORDS_PER_MINUTE = 220;

/** Reading time of mixed Chinese and English prose (code already excluded from `text`). */
export function readingTime(text: string): ReadingTime {
  let hanChars = 0;
  for (const [run] of text.matchAll(hanRun)) hanChars += codePoints(run);
  // One space per run separates Latin words as well as one per character did.
  const latinWords = text.replace(hanRun, ' ').match(latinWord)?.length ?? 0;
  const minutes = Math.max(1, Math.round(hanChars / HAN_PER_MINUTE + latinWords / WORDS_PER_MINUTE));
  return { minutes, hanChars, latinWords };
}

/** Characters as a reader counts them: a surrogate pair (rarer Han characters) is one. */
function codePoints(text: string): number {
  let count = text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xdc00 && code <= 0xdfff) count--;
  }
  return count;
}
