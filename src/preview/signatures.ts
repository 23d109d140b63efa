import { createHash } from 'node:crypto';
import type { Post } from '../content/post.ts';
import type { SiteModel } from '../site/model.ts';
import type { Term } from '../taxonomy/types.ts';

export interface SignatureOptions {
  /**
   * Whether a page may show a term's posts beyond its own items (default: `true`). weeklog's own
   * templates show a term's post count and list only the page's items, which are signed whole: a
   * term then counts its posts by URL, and editing one post re-renders the pages of its terms that
   * list it, not every page of every term it is in. A project's own templates keep the default.
   */
  termPostsShown?: boolean | null | undefined;
}

/**
 * Fingerprints of what a page is rendered from, so an update re-renders only
 * the pages whose inputs changed. A post counts as one value (a hash of every
 * field, its HTML included); anything else is walked, with cycles (a term's
 * parent and children) cut.
 */
export class Signatures {
  readonly #digests: PostDigests;
  readonly #posts = new Map<Post, string>();
  readonly #terms = new Map<Term, string>();
  readonly #seen = new WeakMap<object, Map<string, string>>();
  /** Cycles cut so far (see #walk). */
  #cuts = 0;

  readonly #termPostsShown: boolean;
  /** The model's terms: looked up, not recognised by their shape (every object walked was asked). */
  readonly #allTerms: ReadonlySet<object>;

  /** `digests`: what earlier updates hashed, so unchanged posts cost a lookup (default: none kept). */
  constructor(site: SiteModel, digests: PostDigests = new PostDigests(), options: SignatureOptions = {}) {
    this.#digests = digests;
    this.#termPostsShown = options.termPostsShown ?? true;
    this.#allTerms = new Set<object>([...site.taxonomy.allCategories, ...site.taxonomy.tags]);
    for (const post of [...site.posts, ...site.pages]) this.#posts.set(post, '');
  }

  /** What every page shows: settings, UI strings, feeds and, in serve mode, the problem list. */
  static global(site: SiteModel): string {
    return hash(JSON.stringify([site.settings, site.strings, site.feeds, site.mode, site.problems]));
  }

  of(value: unknown): string {
    return hash(this.#walk(value, 0, new Set()));
  }

  #post(post: Post): string {
    let sig = this.#posts.get(post);
    if (!sig) {
      sig = this.#digests.post(post);
      this.#posts.set(post, sig);
    }
    return sig;
  }

  /**
   * A term once per update, not once per listing page that shows it (a category's parent and
   * children made each walk visit the whole tree and its posts): its own fields and posts,
   * and of its relatives what term pages show of them (names, URLs, post counts).
   */
  #term(term: Term): string {
    let sig = this.#terms.get(term);
    if (!sig) {
      const ancestors: { name: string; url: string }[] = [];
      for (let up = term.parent; up; up = up.parent) ancestors.push({ name: up.name, url: up.url });
      sig = hash(
        JSON.stringify([
          term.kind,
          term.name,
          term.slug,
          term.url,
          term.path,
          // A term's posts by their URLs alone when pages show only their count (their own items are signed in full).
          term.posts.map((post) => (this.#termPostsShown && this.#posts.has(post) ? this.#post(post) : post.url)),
          term.children.map((child) => [child.name, child.url, child.posts.length, child.children.length]),
          ancestors,
        ]),
      );
      this.#terms.set(term, sig);
    }
    return sig;
  }

  #walk(value: unknown, depth: number, path: Set<object>): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'u';
    if (value instanceof Date) return `D${value.getTime()}`;
    if (this.#posts.has(value as Post)) return `P${this.#post(value as Post)}`;
    if (this.#allTerms.has(value)) return `T${this.#term(value as Term)}`;
    if (path.has(value)) {
      this.#cuts++;
      return '~';
    }
    if (depth > 6) return '~';
    // The same object shown on many pages (a links tag with all its entries on each of its
    // pages) is walked once per depth; a text that met a cycle depends on the path, so is not kept.
    const key = `${depth}`;
    const kept = this.#seen.get(value)?.get(key);
    if (kept !== undefined) return kept;
    const cutsBefore = this.#cuts;
    path.add(value);
    let text: string;
    if (Array.isArray(value)) text = `[${value.map((item) => this.#walk(item, depth + 1, path)).join(',')}]`;
    else {
      const record = value as Record<string, unknown>;
      text = `{${Object.keys(record)
        .map((key) => `${key}:${this.#walk(record[key], depth + 1, path)}`)
        .join(',')}}`;
    }
    path.delete(value);
    // A long text stands for itself by its hash, so pages that share the object do not carry it.
    // Only such a text is kept: a short one came from a small object, walked again as fast as looked up.
    if (text.length <= 256) return text;
    text = `#${hash(text)}`;
    if (this.#cuts === cutsBefore) {
      let byDepth = this.#seen.get(value);
      if (!byDepth) this.#seen.set(value, (byDepth = new Map()));
      byDepth.set(key, text);
    }
    return text;
  }

}

/**
 * Parts of the post that a render returned, shared by the render cache between the loads of a
 * session: an unchanged post brings the very same objects back, and nothing changes them in place
 * (md-links.ts and the taxonomy assign new values), so they are hashed once per object.
 */
const renderedParts = new Set<string>(['toc', 'headings', 'sections', 'linkItems', 'assets', 'links', 'ids']);

/** Strings this long are hashed once per value and stand in a post's signature by their digest. */
const LONG = 256;

/**
 * Digests of posts' parts, kept between the updates of one `serve` session so an update hashes only
 * what changed: a post's signature was a hash of its whole JSON (30 MB at 1000 posts, a quarter of a
 * second per edit). Long strings (HTML, text) are looked up by value: an unchanged post's HTML is
 * found without hashing it again. Between updates only the strings of the model served are held.
 */
export class PostDigests {
  #strings = new Map<string, string>();
  #lastStrings = new Map<string, string>();
  #objects = new WeakMap<object, string>();

  /** Starts an update: digests the last one did not use are let go at `endRound`. */
  nextRound(): void {
    this.#lastStrings = this.#strings;
    this.#strings = new Map();
  }

  /** Ends an update: the strings of the model before are let go (its strings are no longer held by anything else). */
  endRound(): void {
    this.#lastStrings = new Map();
  }

  /** Changes with any field of the post, as a hash of `JSON.stringify(post)` would. */
  post(post: Post): string {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(post)) {
      let part: string;
      if (typeof value === 'string' && value.length > LONG) part = `#${this.#string(value)}`;
      else if (renderedParts.has(key) && typeof value === 'object' && value !== null) part = `@${this.#object(value)}`;
      else part = JSON.stringify(value) ?? 'u';
      parts.push(`${JSON.stringify(key)}:${part}`);
    }
    return hash(parts.join(','));
  }

  #string(text: string): string {
    let digest = this.#strings.get(text);
    if (digest === undefined) {
      digest = this.#lastStrings.get(text) ?? hash(text);
      this.#strings.set(text, digest);
    }
    return digest;
  }

  #object(value: object): string {
    let digest = this.#objects.get(value);
    if (digest === undefined) {
      digest = hash(JSON.stringify(value));
      this.#objects.set(value, digest);
    }
    return digest;
  }
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}
