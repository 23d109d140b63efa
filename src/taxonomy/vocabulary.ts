import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import type { Settings } from '../config/settings.ts';
import { WeeklogError } from '../errors.ts';
import { displayPath } from '../problems.ts';
import { foldTermName } from './slug.ts';

/** The tag vocabulary cannot be read or has a wrong shape; auto-tagging cannot run. */
export class VocabularyError extends WeeklogError {}

/** The vocabulary shipped with weeklog (documented in its header comment). */
export const defaultVocabularyFile = fileURLToPath(new URL('./vocabulary.yml', import.meta.url));

interface CompiledTag {
  name: string;
  /** Matches anywhere: title, headings, text. */
  anywhere: RegExp | null;
  /** The same, global, for counting occurrences in the text. */
  anywhereAll: RegExp | null;
  /** `~` terms: titles and headings only, exact casing. */
  guarded: RegExp | null;
  /** Plain terms, folded, to find the longer words that contain them. */
  plainTerms: string[];
  /**
   * Longer words a match must not sit inside: the tag's own `-` terms (`-神经网络` under
   * Networking) and other tags' terms that contain one of its terms (`神经网络` under
   * Machine Learning). Global; null when there are none.
   */
  shadow: RegExp | null;
  /** Every term and the name, folded, to recognise a front-matter tag that already says the same. */
  foldedTerms: Set<string>;
}

/** What a vocabulary is matched against; `strong` is titles and headings. */
export interface MatchSource {
  strong: string[];
  text: string;
  /**
   * Occurrences the text needs when titles and headings have none: one passing
   * mention of `Java` in a long note does not make it a Java post (default: `2`).
   */
  minTextMatches?: number | null | undefined;
  /**
   * Characters of text per occurrence needed on top of that: in a long digest two
   * passing mentions are still passing (default: `0`, off).
   */
  charsPerMatch?: number | null | undefined;
}

export class Vocabulary {
  readonly file: string;
  readonly tags: readonly CompiledTag[];
  /**
   * Matches by source, this round's and the last round's (see `nextRound`): a compiled vocabulary
   * lives in a BuildContext's caches for a whole `serve` session, and an edit changes the text of
   * one post, so the others' matches (most of the auto-tagging cost) are looked up, not run again.
   */
  #matches: Map<string, ReadonlyMap<string, number>> | null = null;
  #lastRound = new Map<string, ReadonlyMap<string, number>>();

  constructor(file: string, entries: Record<string, string[]>) {
    this.file = file;
    const compiled = Object.entries(entries).map(([name, terms]) => compileTag(name, terms));
    for (const tag of compiled) {
      const longer = compiled
        .filter((other) => other !== tag)
        .flatMap((other) => other.plainTerms.filter((term) => tag.plainTerms.some((own) => term !== own && term.includes(own))));
      const shadows = [...tag.excluded, ...longer.map(termPattern)];
      tag.shadow = shadows.length > 0 ? new RegExp(shadows.join('|'), 'giu') : null;
    }
    this.tags = compiled;
  }

  /** Tag names whose terms occur in `source`, in vocabulary order. */
  match(source: MatchSource): string[] {
    return [...this.matchScored(source).keys()];
  }

  /**
   * The same tags, each with how strongly the source is about it: a title or
   * heading match outweighs any number of mentions in the text.
   */
  matchScored(source: MatchSource): ReadonlyMap<string, number> {
    if (!this.#matches) return this.#matchScored(source);
    const key = `${source.charsPerMatch ?? ''}\0${source.minTextMatches ?? ''}\0${source.strong.join('\0')}\0\0${source.text}`;
    let found = this.#matches.get(key) ?? this.#lastRound.get(key);
    if (!found) found = this.#matchScored(source);
    this.#matches.set(key, found);
    return found;
  }

  /**
   * Starts a round of remembered matching (one build's of a `serve` session): matches not asked
   * for since the previous round are forgotten. Until the first round nothing is remembered,
   * so a one-off build keeps no copy of every post's text.
   */
  nextRound(): void {
    this.#lastRound = this.#matches ?? new Map();
    this.#matches = new Map();
  }

  #matchScored(source: MatchSource): Map<string, number> {
    const strong = source.strong.map((s) => s.normalize('NFKC')).join('\n');
    const text = source.text.normalize('NFKC');
    const found = new Map<string, number>();
    const perChars = source.charsPerMatch ?? 0;
    const minTextMatches = Math.max(source.minTextMatches ?? 2, perChars > 0 ? Math.ceil(text.length / perChars) : 0);
    for (const tag of this.tags) {
      const inStrong = (tag.guarded !== null && tag.guarded.test(strong)) || (tag.anywhere !== null && countMatches(tag, strong, 1) > 0);
      const mentions = tag.anywhere === null ? 0 : countMatches(tag, text, strongWeight - 1);
      if (inStrong || mentions >= minTextMatches) found.set(tag.name, (inStrong ? strongWeight : 0) + mentions);
    }
    return found;
  }

  /** Tag names without repeats, in vocabulary order. */
  inOrder(names: string[]): string[] {
    const wanted = new Set(names);
    return this.tags.filter((tag) => wanted.has(tag.name)).map((tag) => tag.name);
  }

  /** Vocabulary tags that have `name` as a term (`存储` → `Storage`), so an author's own word is not doubled. */
  tagsCoveredBy(name: string): string[] {
    const folded = foldTermName(name);
    return this.tags.filter((tag) => tag.foldedTerms.has(folded)).map((tag) => tag.name);
  }
}

// Mentions are counted up to this, so one heading match always ranks above them.
const strongWeight = 1000;

/**
 * Occurrences of the tag's terms in `text` that stand as words of their own, not inside
 * one of its longer shadow words (`网络` in `神经网络`); counting stops at `enough`.
 */
function countMatches(tag: CompiledTag, text: string, enough: number): number {
  const pattern = tag.anywhereAll!;
  const spans: [number, number][] = [];
  if (tag.shadow) {
    tag.shadow.lastIndex = 0;
    for (const match of text.matchAll(tag.shadow)) spans.push([match.index, match.index + match[0].length]);
  }
  pattern.lastIndex = 0;
  let count = 0;
  let match: RegExpExecArray | null;
  while (count < enough && (match = pattern.exec(text)) !== null) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[0].length === 0) pattern.lastIndex++;
    else if (!spans.some(([from, to]) => from <= start && end <= to && to - from > end - start)) count += 1;
  }
  return count;
}

const latinChar = /[A-Za-z0-9]/u;
const hanChar = /\p{Script=Han}/u;

function termPattern(term: string): string {
  const chars = [...term.normalize('NFKC').trim()];
  let pattern = '';
  chars.forEach((char, index) => {
    const previous = chars[index - 1];
    if (/\s/u.test(char)) {
      // `service mesh` should also find `service-mesh`, `service_mesh` and `servicemesh`.
      if (previous !== undefined && !/\s/u.test(previous)) pattern += '[\\s_-]*';
      return;
    }
    if (previous !== undefined && ((latinChar.test(previous) && hanChar.test(char)) || (hanChar.test(previous) && latinChar.test(char)))) {
      pattern += '\\s*'; // Chinese writers often put a space between `API` and `网关`.
    }
    pattern += char.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
  });
  // Whole words only at Latin ends, so `go` stays out of `google`; Chinese ends match as substrings.
  const first = chars[0];
  const last = chars[chars.length - 1];
  const before = first !== undefined && latinChar.test(first) ? '(?<![A-Za-z0-9_])' : '';
  const after = last !== undefined && latinChar.test(last) ? '(?![A-Za-z0-9_])' : '';
  return before + pattern + after;
}

function compileTag(name: string, terms: string[]): CompiledTag & { excluded: string[] } {
  const anywhere: string[] = [];
  const guarded: string[] = [];
  const excluded: string[] = [];
  const plainTerms: string[] = [];
  for (const raw of terms) {
    const term = raw.trim();
    if (term.startsWith('~')) {
      if (term.length > 1) guarded.push(termPattern(term.slice(1)));
    } else if (term.startsWith('-')) {
      if (term.length > 1) excluded.push(termPattern(term.slice(1)));
    } else if (term !== '') {
      anywhere.push(termPattern(term));
      plainTerms.push(foldTermName(term));
    }
  }
  return {
    name,
    anywhere: anywhere.length > 0 ? new RegExp(anywhere.join('|'), 'iu') : null,
    anywhereAll: anywhere.length > 0 ? new RegExp(anywhere.join('|'), 'giu') : null,
    guarded: guarded.length > 0 ? new RegExp(guarded.join('|'), 'u') : null,
    plainTerms,
    shadow: null,
    excluded,
    foldedTerms: new Set([name, ...terms.filter((term) => !term.trim().startsWith('-'))].map((term) => foldTermName(term.replace(/^\s*~/u, '')))),
  };
}

/** Checks the parsed YAML: a map of tag names to lists of terms. */
export function parseVocabulary(source: string, file: string): Vocabulary {
  let raw: unknown;
  try {
    raw = yaml.load(source, { schema: yaml.CORE_SCHEMA });
  } catch (cause) {
    const mark = (cause as { mark?: { line: number; column: number } }).mark;
    const where = mark ? `${file}:${mark.line + 1}:${mark.column + 1}` : file;
    throw new VocabularyError(`${where}: the tag vocabulary is not valid YAML. Fix the line shown; write each tag as \`Name: [term, term]\`.`, {
      cause,
    });
  }
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new VocabularyError(`${file}: the tag vocabulary must be a map of tag names to term lists. Write each tag as \`Name: [term, term]\`.`);
  }
  const entries: Record<string, string[]> = {};
  for (const [name, terms] of Object.entries(raw as Record<string, unknown>)) {
    const list = typeof terms === 'string' ? [terms] : terms;
    if (!Array.isArray(list) || !list.every((t) => typeof t === 'string' || typeof t === 'number')) {
      throw new VocabularyError(`${file}: tag \`${name}\` must have a list of terms. Write it as \`${name}: [term, term]\`.`);
    }
    entries[name] = list.map(String);
  }
  return new Vocabulary(file, entries);
}

/** Compiled vocabularies keyed by file and modification time, so `weeklog serve` picks up an edited one. */
export type VocabularyCache = Map<string, Vocabulary>;

/** The vocabulary named by `settings.tagVocabulary`, else the shipped one; compiled once per file version in `vocabularyCache`. */
export function loadVocabulary(
  settings: Pick<Settings, 'tagVocabulary'>,
  projectDir: string,
  vocabularyCache: VocabularyCache = new Map(),
): Vocabulary {
  const file = settings.tagVocabulary ? path.resolve(projectDir, settings.tagVocabulary) : defaultVocabularyFile;
  const shown = displayPath(projectDir, file);
  let source: string;
  let key: string;
  try {
    key = `${file}\0${statSync(file).mtimeMs}`;
    const cached = vocabularyCache.get(key);
    if (cached) return cached;
    source = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new VocabularyError(`Tag vocabulary ${shown} cannot be read. Check \`tagVocabulary\` in weeklog.config.yml.`, { cause });
  }
  const vocabulary = parseVocabulary(source, shown);
  vocabularyCache.set(key, vocabulary);
  return vocabulary;
}
