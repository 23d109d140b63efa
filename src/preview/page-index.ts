import type { SiteModel } from '../site/model.ts';
import { eventLoopTurns } from './event-loop-turns.ts';
import type { FullBuild, TemplateEntry } from './full-build.ts';
import { PostDigests, Signatures } from './signatures.ts';

/** The pages of one template: paginated templates by item key, the others as a single page. */
export interface TemplatePlan {
  entry: TemplateEntry;
  /** `site.postPages` → `postPages`; null for a template without pagination. */
  property: string | null;
  /** Item key (its URL, unencoded) → signature. */
  pages: Map<string, string>;
  /** URLs of a template without pagination, as rendered last. */
  urls: string[];
}

/** What the preview knows between updates: the signature of every page it wrote. */
export interface PageIndex {
  global: string;
  plans: TemplatePlan[];
  /** Paths of the feeds, search files and other non-page files written last time (null: not known yet). */
  generated: Set<string> | null;
}

/** Parts of the model every page shows; a change to them rebuilds the whole site. */
const globalParts = new Set(['settings', 'strings', 'feeds', 'mode', 'problems']);

export const keyOf = (item: unknown): string | null => {
  const record = item as { url?: unknown; post?: { url?: unknown } };
  if (typeof record?.url === 'string') return record.url;
  if (typeof record?.post?.url === 'string') return record.post.url;
  return null;
};

/**
 * Plans the pages of `site`; null when a template paginates in a way this
 * module does not follow (more than one item a page, items without a URL):
 * the caller then rebuilds everything. Signing every page takes 0.15 s of CPU
 * at 1000 posts: the event loop gets a turn every few milliseconds (a save's
 * watcher event is heard), and `superseded`, asked after each page, stops the
 * work there (`'superseded'`).
 */
export async function indexPages(
  built: FullBuild,
  site: SiteModel,
  before: PageIndex | null,
  digests?: PostDigests,
  /** True when newer changes wait (default: never). */
  superseded: () => boolean = () => false,
): Promise<PageIndex | null | 'superseded'> {
  const turn = eventLoopTurns();
  digests?.nextRound();
  const signatures = new Signatures(site, digests, { termPostsShown: built.projectTemplates });
  const plans: TemplatePlan[] = [];
  for (const [index, entry] of built.templates.entries()) {
    const pagination = entry.data.pagination as { data?: string; size?: number } | undefined;
    if (!pagination?.data) {
      // The first update after a full build knows them from it: the sitemap the update makes then lists them too.
      plans.push({ entry, property: null, pages: new Map(), urls: before?.plans[index]?.urls ?? entry.urls });
      continue;
    }
    const match = /^site\.(\w+)$/u.exec(pagination.data);
    const items = match ? (site as unknown as Record<string, unknown>)[match[1]!] : null;
    if (!match || !Array.isArray(items) || (pagination.size ?? 1) !== 1) return null;
    // Other parts of the model the template reads beside its own page (`site.linkTags` on every links page).
    const others = [...new Set(built.sources.get(entry.inputPath)?.match(/(?<=\bsite\.)\w+/gu) ?? [])].filter(
      (name) => name !== match[1] && !globalParts.has(name),
    );
    const shared = signatures.of(others.map((name) => (site as unknown as Record<string, unknown>)[name]));
    const pages = new Map<string, string>();
    for (const item of items) {
      const key = keyOf(item);
      if (key === null) return null;
      pages.set(key, shared + signatures.of(item));
      await turn();
      if (superseded()) return 'superseded';
    }
    plans.push({ entry, property: match[1]!, pages, urls: [] });
  }
  digests?.endRound();
  return { global: Signatures.global(site), plans, generated: before?.generated ?? null };
}

/**
 * Every page URL of `site` in the order Eleventy lists its results (templates in turn, pages in
 * pagination order), from the model alone: the pages without pagination by their last URLs.
 * Null where indexPages is null.
 */
export function pageUrls(built: FullBuild, site: SiteModel, before: PageIndex): string[] | null {
  const urls: string[] = [];
  for (const [index, entry] of built.templates.entries()) {
    const pagination = entry.data.pagination as { data?: string; size?: number } | undefined;
    if (!pagination?.data) {
      urls.push(...(before.plans[index]?.urls ?? []));
      continue;
    }
    const match = /^site\.(\w+)$/u.exec(pagination.data);
    const items = match ? (site as unknown as Record<string, unknown>)[match[1]!] : null;
    if (!match || !Array.isArray(items) || (pagination.size ?? 1) !== 1) return null;
    for (const item of items) {
      const key = keyOf(item);
      if (key === null) return null;
      urls.push(key);
    }
  }
  return urls;
}

