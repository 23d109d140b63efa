import { foldTermName, termSlug } from './slug.ts';

/**
 * The spellings seen for one term (one slug). The display name is the most
 * used spelling; on a tie, the one seen first, posts taken oldest first, so an
 * old post's spelling is not displaced by a newer one used equally often.
 */
export class SpellingGroup {
  readonly slug: string;
  private readonly counts = new Map<string, { count: number; order: number }>();

  constructor(slug: string) {
    this.slug = slug;
  }

  add(spelling: string, order: number): void {
    const seen = this.counts.get(spelling);
    if (seen) seen.count += 1;
    else this.counts.set(spelling, { count: 1, order });
  }

  get displayName(): string {
    let best = '';
    let bestCount = -1;
    let bestOrder = Infinity;
    for (const [spelling, { count, order }] of this.counts) {
      if (count > bestCount || (count === bestCount && order < bestOrder)) {
        best = spelling;
        bestCount = count;
        bestOrder = order;
      }
    }
    return best;
  }

  /** Spellings that were folded into the display name, in the order first seen. */
  get mergedSpellings(): string[] {
    const display = this.displayName;
    return [...this.counts.entries()]
      .sort((a, b) => a[1].order - b[1].order)
      .map(([spelling]) => spelling)
      .filter((spelling) => spelling !== display);
  }
}

/**
 * Slugs for names under a Hexo-style map (`{ Name: slug }`). The map is looked
 * up by exact name first, then by folded name, so `kubernetes` follows an entry
 * written `Kubernetes`.
 */
export class Slugger {
  private readonly exact: Map<string, string>;
  private readonly folded: Map<string, string>;
  private readonly map: Record<string, string>;
  private readonly keepCase: boolean;
  /** Each name's slug: a build asks for the same tag names thousands of times. */
  readonly #slugs = new Map<string, string>();

  /** `urlCase: 'keep'` keeps a name's case in its URL (`/tags/SRE/`), as Hexo does; terms still merge case-blind. */
  constructor(map: Record<string, string>, urlCase: 'lower' | 'keep' = 'lower') {
    this.map = map;
    this.keepCase = urlCase === 'keep';
    this.exact = new Map(Object.entries(map).map(([name, slug]) => [name, termSlug(slug)]));
    this.folded = new Map(Object.entries(map).map(([name, slug]) => [foldTermName(name), termSlug(slug)]));
  }

  /** The key under which spellings of one term meet: always case- and width-folded. */
  slug(name: string): string {
    let slug = this.#slugs.get(name);
    if (slug === undefined) {
      slug = this.exact.get(name) ?? this.folded.get(foldTermName(name)) ?? termSlug(name);
      this.#slugs.set(name, slug);
    }
    return slug;
  }

  /** The URL segment for a term shown as `name`. */
  urlSlug(name: string): string {
    if (!this.keepCase) return this.slug(name);
    const mapped = this.map[name] ?? Object.entries(this.map).find(([key]) => foldTermName(key) === foldTermName(name))?.[1];
    return termSlug(mapped ?? name, { keepCase: true });
  }
}

/** Trimmed, single-spaced names without empties or non-strings. */
export function cleanNames(names: readonly unknown[]): string[] {
  return names
    .filter((n): n is string | number => typeof n === 'string' || typeof n === 'number')
    .map((n) => String(n).replace(/\s+/gu, ' ').trim())
    .filter((n) => n !== '');
}
