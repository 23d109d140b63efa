import { createHash } from 'node:crypto';
import type { Post } from '../content/post.ts';
import type { SiteModel } from '../site/model.ts';
import type { Term } from '../taxonomy/types.ts';

/**
 * Fingerprints of what a page is rendered from, so an update re-renders only
 * the pages whose inputs changed. A post counts as one value (a hash of every
 * field, its HTML included); anything else is walked, with cycles (a term's
 * parent and children) cut.
 */
export class Signatures {
  readonly #posts = new Map<Post, string>();
  readonly #terms = new Map<Term, string>();
  readonly #seen = new WeakMap<object, Map<string, string>>();
  /** Cycles cut so far (see #walk). */
  #cuts = 0;

  constructor(site: SiteModel) {
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
      sig = hash(JSON.stringify(post));
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
          term.posts.map((post) => (this.#posts.has(post) ? this.#post(post) : post.url)),
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
    if (isTerm(value)) return `T${this.#term(value)}`;
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
    if (text.length > 256) text = `#${hash(text)}`;
    if (this.#cuts === cutsBefore) {
      let byDepth = this.#seen.get(value);
      if (!byDepth) this.#seen.set(value, (byDepth = new Map()));
      byDepth.set(key, text);
    }
    return text;
  }

}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

function isTerm(value: object): value is Term {
  const term = value as Partial<Term>;
  return (term.kind === 'category' || term.kind === 'tag') && Array.isArray(term.posts) && Array.isArray(term.children) && 'parent' in term;
}
