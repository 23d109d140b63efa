import { createHash } from 'node:crypto';
import type { Post } from '../content/post.ts';
import type { SiteModel } from '../site/model.ts';

/**
 * Fingerprints of what a page is rendered from, so an update re-renders only
 * the pages whose inputs changed. A post counts as one value (a hash of every
 * field, its HTML included); anything else is walked, with cycles (a term's
 * parent and children) cut.
 */
export class Signatures {
  readonly #posts = new Map<Post, string>();

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

  #walk(value: unknown, depth: number, path: Set<object>): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'u';
    if (value instanceof Date) return `D${value.getTime()}`;
    if (this.#posts.has(value as Post)) return `P${this.#post(value as Post)}`;
    if (path.has(value) || depth > 6) return '~';
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
    return text;
  }
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}
