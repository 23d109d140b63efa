import type { Post } from './post.ts';
import { htmlToPlainText, summarize } from './summary.ts';

export interface BoilerplateOptions {
  /** Share of posts a line must appear in to be boilerplate (default: `0.3`). */
  minShare?: number | null | undefined;
  /** Posts a line must appear in, however small the site (default: `3`). */
  minPosts?: number | null | undefined;
  /** Line keys kept from earlier builds (default: none). */
  keys?: LineKeys | null | undefined;
}

/**
 * `boilerplateKey` of each line seen, this round's and the last round's: `serve` judges every
 * post's lines again after each edit (twice: excerpts and tags), and only the edited post's
 * lines are new. Owned by a BuildContext (`caches.lineKeys`), used in `serve` only.
 */
export class LineKeys {
  #keys = new Map<string, string>();
  #lastRound = new Map<string, string>();
  /**
   * The keys a Boilerplate counts for each post's text, by the text: an unchanged post keeps the
   * very same string between loads, so finding its keys again is one lookup, not a split and a
   * lookup per line (a quarter of a second per edit at 1000 posts).
   */
  #texts = new Map<string, readonly string[]>();
  #lastTexts = new Map<string, readonly string[]>();

  of(line: string): string {
    let key = this.#keys.get(line);
    if (key === undefined) {
      key = this.#lastRound.get(line) ?? boilerplateKey(line);
      this.#keys.set(line, key);
    }
    return key;
  }

  /** `countedKeys(text, key)`, remembered by text for this round and the next. */
  counted(text: string): readonly string[] {
    let keys = this.#texts.get(text);
    if (keys === undefined) {
      keys = this.#lastTexts.get(text) ?? countedKeys(text, (line) => this.of(line));
      this.#texts.set(text, keys);
    }
    return keys;
  }

  /** The texts of the last `lines` call (by text: how many posts have it, and its keys), the counts and the lines it found. */
  #tally: {
    texts: Map<string, { posts: number; keys: readonly string[] }>;
    counts: Map<string, number>;
    minPosts: number;
    lines: ReadonlySet<string>;
  } | null = null;

  /**
   * The keys held by at least `minPosts` of `texts`: the last call's counts moved by the texts that
   * differ (after an edit, one), not a count over every line of every post. The same set comes back
   * while no key crossed `minPosts`.
   */
  lines(texts: readonly string[], minPosts: number): ReadonlySet<string> {
    const next = new Map<string, { posts: number; keys: readonly string[] }>();
    for (const text of texts) {
      const entry = next.get(text);
      if (entry) entry.posts++;
      else next.set(text, { posts: 1, keys: this.counted(text) });
    }
    const tally = this.#tally ?? { texts: new Map(), counts: new Map<string, number>(), minPosts: -1, lines: new Set<string>() };
    const moved = new Set<string>();
    const move = (keys: readonly string[], by: number) => {
      for (const key of keys) {
        const count = (tally.counts.get(key) ?? 0) + by;
        if (count === 0) tally.counts.delete(key);
        else tally.counts.set(key, count);
        moved.add(key);
      }
    };
    for (const [text, { posts, keys }] of tally.texts) {
      const now = next.get(text)?.posts ?? 0;
      if (now !== posts) move(keys, now - posts);
    }
    for (const [text, { posts, keys }] of next) if (!tally.texts.has(text)) move(keys, posts);
    tally.texts = next;
    const isLine = (key: string) => (tally.counts.get(key) ?? 0) >= minPosts;
    if (tally.minPosts !== minPosts) {
      tally.lines = new Set([...tally.counts.keys()].filter(isLine));
    } else if ([...moved].some((key) => isLine(key) !== tally.lines.has(key))) {
      const lines = new Set(tally.lines);
      for (const key of moved) {
        if (isLine(key)) lines.add(key);
        else lines.delete(key);
      }
      tally.lines = lines;
    }
    tally.minPosts = minPosts;
    this.#tally = tally;
    return tally.lines;
  }

  /** Lines and texts not seen since the previous round are forgotten. */
  nextRound(): void {
    this.#lastRound = this.#keys;
    this.#keys = new Map();
    this.#lastTexts = this.#texts;
    this.#texts = new Map();
  }
}

/** The distinct keys of the lines of `text` that are long enough to count as boilerplate. */
function countedKeys(text: string, key: (line: string) => string): string[] {
  return [...new Set(text.split('\n').map(key))].filter((line) => line.length >= MIN_LINE_LENGTH);
}

/** Lines shorter than this (`（完）`, `文章`) are too common to say anything about a template. */
const MIN_LINE_LENGTH = 4;

/** A line as boilerplate is judged: spaces collapsed, full/half width folded. */
export function boilerplateKey(line: string): string {
  return line.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/**
 * The lines of text that repeat across posts: footers (`这个周刊每周五发布，同步更新在…`),
 * subscription blurbs, the intro every issue opens with. They say nothing about one
 * post, so tagging, excerpts and link items ignore them. A line counts once per post.
 */
export class Boilerplate {
  readonly lines: ReadonlySet<string>;
  readonly #key: (line: string) => string;

  constructor(posts: readonly Pick<Post, 'text'>[], options: BoilerplateOptions = {}) {
    const minPosts = Math.max(options.minPosts ?? 3, Math.ceil((options.minShare ?? 0.3) * posts.length));
    const keys = options.keys;
    this.#key = keys ? (line) => keys.of(line) : boilerplateKey;
    if (keys) this.lines = keys.lines(posts.map((post) => post.text ?? ''), minPosts);
    else {
      const seen = new Map<string, number>();
      for (const post of posts) for (const key of countedKeys(post.text ?? '', boilerplateKey)) seen.set(key, (seen.get(key) ?? 0) + 1);
      this.lines = new Set([...seen].filter(([, count]) => count >= minPosts).map(([key]) => key));
    }
  }

  has(line: string): boolean {
    return this.lines.has(this.#key(line));
  }

  /** `text` without its boilerplate lines. */
  strip(text: string): string {
    if (this.lines.size === 0) return text;
    return text
      .split('\n')
      .filter((line) => !this.has(line))
      .join('\n')
      .replace(/\n{3,}/gu, '\n\n')
      .trim();
  }
}

/**
 * Posts whose automatic excerpt opens with boilerplate (`这里记录每周值得分享的科技内容，周五发布。`
 * on every issue) get the excerpt that follows it instead, and a summary from that. Runs before
 * excerpt URLs are rebased on the post's URL.
 */
export function skipBoilerplateExcerpts(posts: Post[], boilerplate: Boilerplate): void {
  if (boilerplate.lines.size === 0) return;
  for (const post of posts) {
    const after = post.excerptsAfterLead;
    if (!after) continue;
    let skip = 0;
    while (skip < after.length && after[skip].lead.split('\n').every((line) => line.trim() === '' || boilerplate.has(line))) skip++;
    if (skip === 0 || !after[skip - 1].html) continue;
    post.excerptHtml = after[skip - 1].html;
    post.summary = summarize(htmlToPlainText(post.excerptHtml) || boilerplate.strip(post.text));
  }
}
