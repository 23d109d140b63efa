import type { ReadingTime } from './post.ts';

const hanCharacter = /\p{Script=Han}/gu;
// A Latin "word" includes digits and inner apostrophes/dots/hyphens: `Go's`, `v1.2`, `e-mail`.
const latinWord = /[\p{Script=Latin}\d]+(?:['’.\-][\p{Script=Latin}\d]+)*/gu;

/** Han characters per minute (default reading speed for Chinese). */
export const HAN_PER_MINUTE = 400;
/** Latin words per minute. */
export const WORDS_PER_MINUTE = 220;

/** Reading time of mixed Chinese and English prose (code already excluded from `text`). */
export function readingTime(text: string): ReadingTime {
  const hanChars = text.match(hanCharacter)?.length ?? 0;
  const latinWords = text.replace(hanCharacter, ' ').match(latinWord)?.length ?? 0;
  const minutes = Math.max(1, Math.round(hanChars / HAN_PER_MINUTE + latinWords / WORDS_PER_MINUTE));
  return { minutes, hanChars, latinWords };
}
