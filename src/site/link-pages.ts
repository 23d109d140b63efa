import type { Settings } from '../config/settings.ts';
import type { LinkEntry, Taxonomy } from '../taxonomy/types.ts';
import { termSlug } from '../taxonomy/slug.ts';
import { fillTemplate } from './fill.ts';
import { paginate, type ListingPage } from './paginate.ts';
import type { UiStrings } from './strings.ts';

export interface LinkListingPage extends ListingPage<LinkEntry> {
  kind: 'links';
  /** Page heading (already translated, plain text). */
  heading: string;
  /** The tag shown, or null. */
  tag: string | null;
  tagSlug: string | null;
  /** The section shown (`文章`, `工具`), or null. */
  section: string | null;
}

/** A filter of `/links/`: one tag or one section, with its first page and how many items it has. */
export interface LinkFilter {
  name: string;
  slug: string;
  url: string;
  count: number;
}

export interface LinkPages {
  pages: LinkListingPage[];
  tags: LinkFilter[];
  sections: LinkFilter[];
}

function filters(groups: Map<string, { slug: string; links: LinkEntry[] }>, base: string): LinkFilter[] {
  return [...groups]
    .map(([name, { slug, links }]) => ({ name, slug, url: `${base}${slug}/`, count: links.length }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

function add(groups: Map<string, { slug: string; links: LinkEntry[] }>, name: string, slug: string, link: LinkEntry): void {
  let entry = groups.get(name);
  if (!entry) groups.set(name, (entry = { slug, links: [] }));
  entry.links.push(link);
}

/**
 * `/links/` and its filtered listings: `/links/tags/<tag>/` and `/links/sections/<section>/`,
 * each paginated, newest post first (the taxonomy's order), items in page order within a post.
 */
export function buildLinkPages(taxonomy: Taxonomy, settings: Settings, strings: UiStrings): LinkPages {
  const perPage = settings.perPage * 5;
  const byTag = new Map<string, { slug: string; links: LinkEntry[] }>();
  const bySection = new Map<string, { slug: string; links: LinkEntry[] }>();
  const sectionSlugs = new Map<string, string>();
  for (const link of taxonomy.links) {
    link.tags.forEach((tag, index) => add(byTag, tag, link.tagSlugs[index]!, link));
    const section = link.section.trim();
    if (section === '') continue;
    // Sections differing only by case or width (`Tools`, `tools`) are one filter, named as first seen.
    const slug = termSlug(section);
    const name = sectionSlugs.get(slug) ?? section;
    sectionSlugs.set(slug, name);
    add(bySection, name, slug, link);
  }
  const tags = filters(byTag, '/links/tags/');
  const sections = filters(bySection, '/links/sections/');
  const listing = (links: LinkEntry[], url: string, heading: string, tag: LinkFilter | null, section: string | null) =>
    paginate(links, perPage, url).map((page): LinkListingPage => ({
      ...page,
      kind: 'links',
      heading,
      tag: tag?.name ?? null,
      tagSlug: tag?.slug ?? null,
      section,
    }));
  return {
    tags,
    sections,
    pages: [
      ...listing(taxonomy.links, '/links/', strings.linksTitle, null, null),
      ...tags.flatMap((tag) => listing(byTag.get(tag.name)!.links, tag.url, fillTemplate(strings.linksTagTitle, { tag: tag.name }), tag, null)),
      ...sections.flatMap((section) =>
        listing(bySection.get(section.name)!.links, section.url, fillTemplate(strings.linksSectionTitle, { section: section.name }), null, section.name),
      ),
    ],
  };
}
