import { readFileSync } from 'node:fs';
import type { Element } from 'hast';
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

declare module 'hast' {
  interface ElementData {
    /** On a highlighted `<pre>`: its `<code>` as highlighted HTML (see `toPre`). */
    highlightedCode?: string | undefined;
  }
}

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

/** A token's look as serialized: its `<span>` start tag, or `''` for plain text. */
interface TokenLook {
  open: string;
}

/** Looks by colour and font style: a theme has a few dozen, a code block hundreds of tokens. */
const looks = new Map<string, TokenLook>();

function lookOf(token: ThemedToken): TokenLook {
  const fontStyle = token.fontStyle ?? 0;
  const id = `${token.color ?? ''}|${fontStyle}`;
  let look = looks.get(id);
  if (!look) {
    const colour = tokenClass(token.color);
    const classes = colour ? [colour] : [];
    for (const [flag, name] of FONT_STYLE_CLASSES) if ((fontStyle & flag) !== 0) classes.push(name);
    look = { open: classes.length ? `<span class="${classes.join(' ')}">` : '' };
    looks.set(id, look);
  }
  return look;
}

/** What hast-util-to-html escapes in text (`<` and `&`), written as it writes them. */
function escapeText(value: string): string {
  return value.replace(/[<&]/g, (character) => (character === '<' ? '&#x3C;' : '&#x26;'));
}

/**
 * `<pre class="shiki" tabindex="0"><code><span class="line">…</span>\n…</code></pre>`; tabindex lets
 * the keyboard scroll it. In the tree the `<code>` holds the plain code, which is all that outlines
 * and excerpts read; its highlighted HTML is kept in `data.highlightedCode` and put in place when the
 * tree is serialized (`withHighlightedCode`). A block is hundreds of token spans: as hast nodes,
 * built and then serialized one by one, they were about a tenth of a render thread's time.
 */
function toPre(lines: ThemedToken[][]): Element {
  let html = '<code>';
  let text = '';
  for (let index = 0; index < lines.length; index++) {
    if (index > 0) {
      html += '\n';
      text += '\n';
    }
    html += '<span class="line">';
    // Neighbours with the same look (often whitespace between keywords) become one span.
    let open: string | undefined;
    let run = '';
    for (const token of lines[index]!) {
      if (token.content === '') continue;
      const look = lookOf(token);
      text += token.content;
      if (look.open === open) {
        run += token.content;
        continue;
      }
      if (open !== undefined) html += open ? `${open}${escapeText(run)}</span>` : escapeText(run);
      open = look.open;
      run = token.content;
    }
    if (open !== undefined) html += open ? `${open}${escapeText(run)}</span>` : escapeText(run);
    html += '</span>';
  }
  html += '</code>';
  return {
    type: 'element',
    tagName: 'pre',
    properties: { className: ['shiki'], tabIndex: 0 },
    children: [{ type: 'element', tagName: 'code', properties: {}, children: text === '' ? [] : [{ type: 'text', value: text }] }],
    // hast-util-from-parse5 declares `position` on every element's data, though it sets it only when asked.
    data: { highlightedCode: html } as Element['data'],
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
