import type { Post } from '../content/post.ts';
import type { LinkItem } from '../markdown/types.ts';
import type { Problem } from '../problems.ts';
import type { Vocabulary } from './vocabulary.ts';

/** What auto-tagging found for one post (buildTaxonomy's per-post step), without the post. */
export interface AutoTagged {
  names: string[];
  autoNames: string[];
  items: LinkItem[];
  itemTags: string[][];
  /** Problems the step reported (`suggest-tags`). */
  problems: Problem[];
}

/**
 * Each post's auto-tagging kept between the loads of one `serve` session (a BuildContext's
 * `caches.autoTags`): an edit changes one post, and tagging the other 999 again (stripping their
 * boilerplate, matching the vocabulary) was a fifth of a second. A post's result is reused while
 * what the step reads of it is the same (its source hash, text, title, headings, link items and
 * written tags, the latter three by identity as the render cache hands them back) and so is what
 * it reads of the site: the boilerplate lines, the vocabulary and the settings. Posts not asked
 * for in a load are forgotten.
 */
export class AutoTagCache {
  #shared: { lines: ReadonlySet<string>; vocabulary: Vocabulary | null; settings: string } | null = null;
  #byFile = new Map<string, { inputs: unknown[]; result: AutoTagged }>();
  #next = new Map<string, { inputs: unknown[]; result: AutoTagged }>();

  /** Starts a load; a change to what every post's tagging reads forgets every result. */
  begin(lines: ReadonlySet<string>, vocabulary: Vocabulary | null, settings: string): void {
    const shared = this.#shared;
    const same = shared !== null && shared.vocabulary === vocabulary && shared.settings === settings && sameSet(shared.lines, lines);
    this.#byFile = same ? new Map([...this.#byFile, ...this.#next]) : new Map();
    this.#next = new Map();
    this.#shared = { lines, vocabulary, settings };
  }

  /** `post`'s result, made by `tag` unless kept. */
  get(post: Post, tag: () => AutoTagged): AutoTagged {
    const inputs = [post.hash, post.text, post.title, post.headings, post.linkItems, JSON.stringify(post.frontMatterTags)];
    const kept = this.#byFile.get(post.file);
    if (kept && kept.inputs.every((value, index) => value === inputs[index])) {
      this.#next.set(post.file, kept);
      return kept.result;
    }
    const result = tag();
    this.#next.set(post.file, { inputs, result });
    return result;
  }

  /** Ends a load: what it did not ask for is let go. */
  end(): void {
    this.#byFile = this.#next;
    this.#next = new Map();
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const value of a) if (!b.has(value)) return false;
  return true;
}
