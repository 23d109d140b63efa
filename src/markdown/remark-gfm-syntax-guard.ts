import type { Root } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';

/** The part of micromark's tokenizer context the guards read. */
interface TokenizeContext {
  now(): { offset: number };
  previous: number | null;
  events: [string, { type: string }][];
}
type State = (code: number | null) => State | undefined;
type Tokenizer = (this: TokenizeContext, effects: unknown, ok: State, nok: State) => State;
interface Construct {
  name?: string;
  tokenize: Tokenizer;
  previous?: (this: TokenizeContext, code: number | null) => boolean;
  [key: string]: unknown;
}
type ConstructRecord = Record<string, Construct | Construct[] | undefined>;
type Extension = Record<string, ConstructRecord | unknown>;

/** The document micromark is reading, set by the parser wrapper for one parse. */
interface Reading {
  source: string;
}

const PROTOCOL = /^https?:\/\//iu;
const WWW = /^www\./iu;

/**
 * remark-gfm's table and literal-autolink syntax are tried where they almost never match: the table at
 * the start of every block (it reads the block's whole first line as a head row before finding no
 * delimiter row under it), and the e-mail autolink at the start of every word, which also cuts the
 * text there into a new `data` token for the parser to carry and merge again. Guarded, each is tried
 * only where the document holds what it needs next: a delimiter-like line under a head row, an `@`
 * after the word, `www.`, `http://` or `https://`. Each check is one the construct itself makes
 * before it can succeed, so the tree comes out the same; a construct that runs anyway costs what it
 * cost before. Use it right after remark-gfm and before anything else wraps the parser: it needs the
 * text micromark reads (offsets are read from micromark's positions). Constructs it does not know by
 * name (a later micromark-extension-gfm) are left as they are.
 */
export default function remarkGfmSyntaxGuard(this: Processor): void {
  const reading: Reading = { source: '' };
  const extensions = (this.data('micromarkExtensions') ?? []) as unknown[];
  extensions.forEach((extension, index) => {
    extensions[index] = guardExtension(extension, reading);
  });
  const parse = this.parser;
  if (!parse) throw new TypeError('remark-gfm-syntax-guard must be used after remark-parse');
  this.parser = function parser(document: string, file: VFile): Root {
    // micromark skips a byte order mark without counting it in offsets.
    reading.source = document.charCodeAt(0) === 0xfeff ? document.slice(1) : document;
    try {
      return parse(document, file) as Root;
    } finally {
      reading.source = '';
    }
  };
}

/** A copy of `extension` with the known constructs guarded; the constructs themselves are shared by every processor and stay untouched. */
function guardExtension(extension: unknown, reading: Reading): unknown {
  if (Array.isArray(extension)) return extension.map((item) => guardExtension(item, reading));
  if (typeof extension !== 'object' || extension === null) return extension;
  const copy: Extension = {};
  for (const [hook, record] of Object.entries(extension as Extension)) {
    copy[hook] = hook === 'flow' || hook === 'text' ? guardRecord(record as ConstructRecord, reading) : record;
  }
  return copy;
}

function guardRecord(record: ConstructRecord, reading: Reading): ConstructRecord {
  const copy: ConstructRecord = {};
  // Guarded once per construct, so a construct listed under several codes stays one object.
  const guarded = new Map<Construct, Construct>();
  const guard = (construct: Construct): Construct => {
    let result = guarded.get(construct);
    if (!result) {
      result = guardConstruct(construct, reading);
      guarded.set(construct, result);
    }
    return result;
  };
  for (const [code, constructs] of Object.entries(record)) {
    if (constructs === undefined) copy[code] = constructs;
    else copy[code] = Array.isArray(constructs) ? constructs.map(guard) : guard(constructs);
  }
  return copy;
}

function guardConstruct(construct: Construct, reading: Reading): Construct {
  switch (construct.name) {
    case 'table':
      return { ...construct, tokenize: guardedTable(construct.tokenize, reading) };
    case 'emailAutolink':
      return withPrevious(construct, (at) => emailMayFollow(reading.source, at));
    case 'protocolAutolink':
      return withPrevious(construct, (at) => PROTOCOL.test(reading.source.slice(at, at + 8)));
    case 'wwwAutolink':
      return withPrevious(construct, (at) => WWW.test(reading.source.slice(at, at + 4)));
    default:
      return construct;
  }
}

/**
 * micromark's text tokenizer ends its `data` and tries a text construct wherever `previous` allows
 * one; the autolink constructs then fail unless the document holds their start here. Asking for that
 * start in `previous` keeps the text in one piece. Cut or not, micromark merges neighbouring `data`
 * back into one token, so nothing but the work changes.
 */
function withPrevious(construct: Construct, startsHere: (offset: number) => boolean): Construct {
  const previous = construct.previous;
  if (!previous) return construct;
  return {
    ...construct,
    previous(code) {
      return previous.call(this, code) && startsHere(this.now().offset);
    },
  };
}

/** gfmAtext: what an e-mail autolink's local part is made of. */
function isAtext(code: number): boolean {
  return code === 43 || code === 45 || code === 46 || code === 95 || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** True when the word at `offset` is a run of atext followed by `@`, which an e-mail autolink needs. */
function emailMayFollow(source: string, offset: number): boolean {
  let index = offset;
  while (index < source.length && isAtext(source.charCodeAt(index))) index++;
  return index > offset && source.charCodeAt(index) === 64;
}

/**
 * The table construct, tried only where a table can start: as a body row under a head row (the
 * construct's own test, repeated), or as a head row whose next line looks like a delimiter row.
 */
function guardedTable(tokenize: Tokenizer, reading: Reading): Tokenizer {
  return function tokenizeGuardedTable(effects, ok, nok) {
    const start = tokenize.call(this, effects, ok, nok);
    return (code) => (afterTableRow(this.events) || nextLineMayBeDelimiterRow(reading.source, this.now().offset) ? start(code) : nok(code));
  };
}

function afterTableRow(events: TokenizeContext['events']): boolean {
  for (let index = events.length - 1; index > -1; index--) {
    const type = events[index]![1].type;
    if (type === 'lineEnding' || type === 'linePrefix') continue;
    return type === 'tableHead' || type === 'tableRow';
  }
  return false;
}

function nextLineMayBeDelimiterRow(source: string, offset: number): boolean {
  const end = lineEnd(source, offset);
  if (end === source.length) return false;
  const next = end + (source.charCodeAt(end) === 13 && source.charCodeAt(end + 1) === 10 ? 2 : 1);
  let dash = false;
  for (let index = next; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === 10 || code === 13) break;
    if (code === 45) dash = true;
    else if (!mayHoldDelimiterRow(code)) return false;
  }
  return dash;
}

/** Besides `-`, what a delimiter row holds (`|`, `:`, blanks) and what may come before it on its line (`>`, list markers). */
function mayHoldDelimiterRow(code: number): boolean {
  return code === 32 || code === 9 || code === 124 || code === 58 || code === 62 || code === 43 || code === 42 || code === 46 || code === 41 || (code >= 48 && code <= 57);
}

/** Index of the first line ending (`\n` or `\r`) at or after `from`, else the length. */
function lineEnd(source: string, from: number): number {
  for (let index = from; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === 10 || code === 13) return index;
  }
  return source.length;
}
