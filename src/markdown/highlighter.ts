import { readFileSync } from 'node:fs';
import type { Element, ElementContent } from 'hast';
import { bundledLanguages, createHighlighter, type BundledLanguage, type BundledTheme, type Highlighter, type LanguageRegistration, type ThemedToken } from 'shiki';
import { WeeklogError } from '../errors.ts';
import { CODE_THEME, tokenClass } from './code-theme.ts';

/** Loaded when the highlighter is created: what technical notes use most. Others load on first use. */
export const PRELOADED_LANGUAGES = [
  'shellscript', 'c', 'cpp', 'go', 'python', 'java', 'javascript', 'typescript', 'json', 'yaml', 'toml',
  'ini', 'sql', 'docker', 'nginx', 'diff', 'html', 'xml', 'css', 'make', 'rust', 'lua',
] as const;

/** Names authors use that shiki does not know under that name. */
const EXTRA_ALIASES: Readonly<Record<string, string>> = { golang: 'go', gradle: 'groovy', svg: 'xml', nasm: 'asm' };

/** Fence languages that mean "no highlighting" rather than an unknown language. */
const PLAIN_LANGUAGES = new Set(['text', 'txt', 'plain', 'plaintext']);

/**
 * vscode-textmate stops tokenizing a line after `tokenizeTimeLimit` (shiki: 500 ms) and leaves the
 * rest plain. On a busy machine the first line of a grammar (compiling its regexes) can hit that,
 * and output would then depend on load. Only runaway lines should stop; very long ones (minified
 * code) are shown plain, which is at least deterministic.
 */
const TOKENIZE_LIMITS = { tokenizeTimeLimit: 10_000, tokenizeMaxLineLength: 20_000 } as const;

/**
 * Highlighted blocks kept for reuse, for posts rendered again while serving (an unchanged post
 * comes from the render cache and is not highlighted at all): the blocks of the few posts being
 * edited. Each entry is a whole hast tree of spans that every major GC marks again, and a cold
 * build almost never repeats a block (the bench corpus: 0 of 3046), so 256 of them cost a render
 * thread ~5 % of its CPU for nothing; 2000 held ~200 MB per thread.
 */
const CACHE_LIMIT = 32;

export class HighlighterError extends WeeklogError {}

function loadSystemTapGrammar(): LanguageRegistration {
  const url = new URL('./grammars/systemtap.json', import.meta.url);
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as LanguageRegistration;
  } catch (cause) {
    throw new HighlighterError(`Cannot read the SystemTap grammar at ${url.pathname}; reinstall weeklog.`, { cause });
  }
}

/**
 * One shiki highlighter per process. Blocks are highlighted synchronously; a document's unknown
 * languages are looked up in shiki's bundle and loaded (once each) by `prepare` beforehand.
 */
export class CodeHighlighter {
  readonly #shiki: Highlighter;
  readonly #loading = new Map<string, Promise<void>>();
  readonly #cache = new Map<string, Element>();

  constructor(shiki: Highlighter) {
    this.#shiki = shiki;
  }

  /** `null` for a block without language or a plain-text one, else the lower-cased name shiki knows it by. */
  static normalize(language: string | null | undefined): string | null {
    const name = language?.trim().toLowerCase() ?? '';
    if (name === '' || PLAIN_LANGUAGES.has(name)) return null;
    return Object.hasOwn(EXTRA_ALIASES, name) ? EXTRA_ALIASES[name] : name;
  }

  isLoaded(language: string): boolean {
    return this.#shiki.getLoadedLanguages().includes(language);
  }

  /** Loads the bundled grammars among `languages` that are not loaded yet; unknown names are left alone. */
  async prepare(languages: Iterable<string>): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const language of languages) {
      if (this.isLoaded(language) || !Object.hasOwn(bundledLanguages, language)) continue;
      let loading = this.#loading.get(language);
      if (!loading) {
        loading = this.#shiki.loadLanguage(language as keyof typeof bundledLanguages);
        this.#loading.set(language, loading);
      }
      pending.push(loading);
    }
    await Promise.all(pending);
  }

  /**
   * The `<pre>` for `code`, highlighted when `language` is loaded, plain (escaped) text otherwise.
   * The result may be shared between documents: treat it as read-only.
   */
  highlight(code: string, language: string | null): Element {
    const lang = language !== null && this.isLoaded(language) ? language : 'text';
    const key = `${lang}\u0000${code}`;
    const cached = this.#cache.get(key);
    if (cached) {
      // Refresh its place so the most used blocks survive eviction.
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    // One tokenization for both colour schemes: tokens carry classes that code.css colours per scheme.
    const lines =
      lang === 'text'
        ? code.split(/\r?\n/).map((line) => [{ content: line, offset: 0 }] as ThemedToken[])
        : this.#shiki.codeToTokensBase(code, { lang: lang as BundledLanguage, theme: CODE_THEME.name as BundledTheme, ...TOKENIZE_LIMITS });
    const pre = toPre(lines);
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.delete(this.#cache.keys().next().value as string);
    this.#cache.set(key, pre);
    return pre;
  }
}

const FONT_STYLE_CLASSES: readonly [number, string][] = [[1, 'tk-i'], [2, 'tk-b'], [4, 'tk-u'], [8, 'tk-s']];

function classesOf(token: ThemedToken): string[] {
  const colour = tokenClass(token.color);
  const classes = colour ? [colour] : [];
  for (const [flag, name] of FONT_STYLE_CLASSES) if (((token.fontStyle ?? 0) & flag) !== 0) classes.push(name);
  return classes;
}

/** `<pre class="shiki" tabindex="0"><code><span class="line">…</span>\n…</code></pre>`; tabindex lets the keyboard scroll it. */
function toPre(lines: ThemedToken[][]): Element {
  const children: ElementContent[] = [];
  lines.forEach((tokens, index) => {
    if (index > 0) children.push({ type: 'text', value: '\n' });
    const spans: ElementContent[] = [];
    let previous: { classes: string; node: ElementContent } | undefined;
    for (const token of tokens) {
      if (token.content === '') continue;
      const classes = classesOf(token);
      const key = classes.join(' ');
      // Neighbours with the same look (often whitespace between keywords) become one node.
      if (previous && previous.classes === key) {
        const target = previous.node.type === 'element' ? previous.node.children[0] : previous.node;
        if (target?.type === 'text') {
          target.value += token.content;
          continue;
        }
      }
      const text: ElementContent = { type: 'text', value: token.content };
      const node: ElementContent = classes.length ? { type: 'element', tagName: 'span', properties: { className: classes }, children: [text] } : text;
      spans.push(node);
      previous = { classes: key, node };
    }
    children.push({ type: 'element', tagName: 'span', properties: { className: ['line'] }, children: spans });
  });
  return {
    type: 'element',
    tagName: 'pre',
    properties: { className: ['shiki'], tabIndex: 0 },
    children: [{ type: 'element', tagName: 'code', properties: {}, children }],
  };
}

let highlighterPromise: Promise<CodeHighlighter> | undefined;

/** The process-wide highlighter, created on first use. */
export function getCodeHighlighter(): Promise<CodeHighlighter> {
  highlighterPromise ??= createHighlighter({
    themes: [CODE_THEME],
    langs: [...PRELOADED_LANGUAGES, loadSystemTapGrammar()],
  }).then(
    (shiki) => new CodeHighlighter(shiki),
    (cause: unknown) => {
      highlighterPromise = undefined;
      throw new HighlighterError('Cannot create the shiki highlighter; check that shiki is installed.', { cause });
    },
  );
  return highlighterPromise;
}
