import { createHash } from 'node:crypto';

/**
 * The form under which term names are compared: NFKC folds full-width letters
 * (`ＫＵＢＥＲＮＥＴＥＳ`) to half-width, then case and runs of spaces are folded.
 */
export function foldTermName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

// Symbols that carry meaning in technical names; without them `C++`, `C#` and `C` would share a slug.
const symbolWords: [RegExp, string][] = [
  [/\+/gu, '-plus-'],
  [/#/gu, '-sharp-'],
];

/**
 * URL segment for a category or tag: keeps Chinese and other letters, lower-cases
 * Latin (unless `keepCase`, as Hexo's URLs do), turns spaces and punctuation into `-`. Never empty: a name made only of
 * symbols or emoji gets a short hash of its folded form, so it stays stable.
 */
export function termSlug(name: string, options: { keepCase?: boolean } = {}): string {
  let slug = options.keepCase ? name.normalize('NFKC').replace(/\s+/gu, ' ').trim() : foldTermName(name);
  for (const [pattern, word] of symbolWords) slug = slug.replace(pattern, word);
  slug = slug
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  if (slug !== '') return slug;
  return createHash('sha1').update(foldTermName(name)).digest('hex').slice(0, 8);
}
