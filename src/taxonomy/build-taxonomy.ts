import type { Settings } from '../config/settings.ts';
import type { Post } from '../content/post.ts';
import type { LinkItem } from '../markdown/types.ts';
import type { Problem } from '../problems.ts';
import { Boilerplate, type LineKeys } from '../content/boilerplate.ts';
import { buildCategoryTree } from './categories.ts';
import { cleanNames, Slugger, SpellingGroup } from './spellings.ts';
import { suggestTagsProblem } from './suggest-tags.ts';
import { recommendedItems } from './link-entries.ts';
import type { LinkEntry, Taxonomy, Term } from './types.ts';
import type { AutoTagCache, AutoTagged } from './auto-tag-cache.ts';
import { loadVocabulary, type Vocabulary, type VocabularyCache } from './vocabulary.ts';

export interface BuildTaxonomyOptions {
  /** Folder against which `settings.tagVocabulary` is resolved. */
  projectDir: string;
  /** Compiled vocabularies kept from earlier builds (default: none). */
  vocabularyCache?: VocabularyCache | undefined;
  /** Keep each post's vocabulary matches in the cached vocabulary for the next build, as `serve` does (default: `false`). */
  rememberMatches?: boolean | undefined;
  /** Boilerplate line keys kept from earlier builds (default: none). */
  lineKeys?: LineKeys | undefined;
  /** Each post's auto-tagging kept from earlier builds, as `serve` keeps it (default: none). */
  autoTags?: AutoTagCache | undefined;
}

interface TaggedPost {
  post: Post;
  /** Tag names as written (front matter) or as the vocabulary names them, before merging. */
  names: string[];
  autoNames: string[];
  /** The post's recommended link items (boilerplate and links into the site left out). */
  items: LinkItem[];
  /** Vocabulary tags of each of `items`. */
  itemTags: string[][];
}

/**
 * Turns the posts' categories and tags into terms, auto-tags posts from the
 * vocabulary (`settings.autoTag`), and collects link items. Fills `tags`,
 * `autoTags`, `categoryRefs` and `tagRefs` on each post.
 *
 * Tags whose slugs agree (after `tagMap`, case and width folding) are one term,
 * shown with the most used spelling; ties go to the spelling seen first, posts
 * taken oldest first. Every such merge is listed in `merges`.
 */
export function buildTaxonomy(posts: Post[], settings: Settings, options: BuildTaxonomyOptions): Taxonomy {
  const collator = new Intl.Collator(settings.language);
  const vocabulary = settings.autoTag === 'off' ? null : loadVocabulary(settings, options.projectDir, options.vocabularyCache);
  if (options.rememberMatches) vocabulary?.nextRound();
  const slugger = new Slugger(settings.tagMap, settings.termUrlCase);
  const problems: Problem[] = [];

  // Footers and intros repeated on most posts say nothing about any one of them.
  const boilerplate = new Boilerplate(posts, { keys: options.lineKeys });
  const cache = options.autoTags;
  cache?.begin(boilerplate.lines, vocabulary, JSON.stringify([settings.autoTag, settings.maxAutoTags, settings.url, settings.tagMap, settings.termUrlCase, options.projectDir]));
  const tagged = posts.map((post): TaggedPost => {
    const tag = () => autoTag(post, recommendedItems(post, settings, boilerplate), boilerplate, vocabulary, slugger, settings, options.projectDir);
    const found = cache ? cache.get(post, tag) : tag();
    problems.push(...found.problems);
    return { post, ...found };
  });
  cache?.end();

  // Spellings are counted oldest post first, so "first seen" means earliest written.
  const groups = new Map<string, SpellingGroup>();
  [...tagged].reverse().forEach(({ names }, order) => {
    for (const name of names) {
      const slug = slugger.slug(name);
      let group = groups.get(slug);
      if (!group) groups.set(slug, (group = new SpellingGroup(slug)));
      group.add(name, order);
    }
  });

  const tagTerms = new Map<string, Term>();
  const merges: string[] = [];
  for (const group of groups.values()) {
    const name = group.displayName;
    tagTerms.set(group.slug, { kind: 'tag', name, slug: group.slug, url: `/tags/${slugger.urlSlug(name)}/`, path: [name], posts: [], children: [], parent: null });
    const merged = group.mergedSpellings;
    if (merged.length > 0) merges.push(`merged tags ${merged.map((m) => JSON.stringify(m)).join(', ')} into ${JSON.stringify(name)}`);
  }

  for (const { post, names, autoNames } of tagged) {
    const terms = uniqueTerms(names.map((name) => tagTerms.get(slugger.slug(name))!));
    const autoSlugs = new Set(autoNames.map((name) => slugger.slug(name)));
    for (const term of terms) term.posts.push(post);
    post.tags = terms.map((term) => term.name);
    post.autoTags = terms.filter((term) => autoSlugs.has(term.slug)).map((term) => term.name);
    post.tagRefs = terms.map(({ name, url }) => ({ name, url }));
  }

  const categories = buildCategoryTree(posts, settings.categoryMap, collator, settings.termUrlCase);
  for (const post of posts) {
    post.categoryRefs = (categories.pathOf.get(post) ?? []).map(({ name, url }) => ({ name, url }));
  }

  const links: LinkEntry[] = [];
  tagged.forEach(({ post, items, itemTags }) => {
    items.forEach((item, itemIndex) => {
      const found = settings.autoTag === 'add' ? (itemTags[itemIndex] ?? []) : [];
      // Shown under the merged spelling when the tag is also a post tag.
      const tags = [...new Set(found.map((name) => tagTerms.get(slugger.slug(name))?.name ?? name))];
      links.push({ ...item, post, tags, tagSlugs: tags.map((name) => slugger.slug(name)) });
    });
  });

  return {
    categories: categories.roots,
    allCategories: categories.all,
    tags: [...tagTerms.values()].sort((a, b) => collator.compare(a.name, b.name)),
    merges: [...categories.merges, ...merges],
    links,
    problems,
  };
}

function autoTag(
  post: Post,
  items: LinkItem[],
  boilerplate: Boilerplate,
  vocabulary: Vocabulary | null,
  slugger: Slugger,
  settings: Pick<Settings, 'autoTag' | 'maxAutoTags'>,
  projectDir: string,
): AutoTagged {
  const mode = settings.autoTag;
  const written = cleanNames(post.frontMatterTags ?? []);
  if (!vocabulary) return { names: written, autoNames: [], items, itemTags: [], problems: [] };
  const writtenSlugs = new Set(written.map((name) => slugger.slug(name)));
  const covered = new Set(written.flatMap((name) => vocabulary.tagsCoveredBy(name)));
  // An item's note is short, so one mention counts there.
  const itemTags = items.map((item) => vocabulary.match({ strong: [item.title], text: item.text, minTextMatches: 1 }));
  // A reading list is about what its items' titles are about, not about every word of their notes;
  // in a long post a term needs mentions in proportion to its length.
  const scores = vocabulary.matchScored({
    strong: [
      post.title,
      ...(post.headings ?? []).map((heading) => heading.text).filter((text) => !boilerplate.has(text)),
      ...items.map((item) => item.title),
    ],
    text: boilerplate.strip(post.text ?? ''),
    charsPerMatch: CHARS_PER_MENTION,
  });
  const candidates = vocabulary
    .inOrder([...scores.keys()])
    .filter((name) => !writtenSlugs.has(slugger.slug(name)) && !covered.has(name));
  // A post that touches twenty topics is not about twenty topics: keep the strongest few.
  const kept = new Set([...candidates].sort((a, b) => scores.get(b)! - scores.get(a)!).slice(0, settings.maxAutoTags));
  const added = candidates.filter((name) => kept.has(name));
  if (mode === 'suggest') {
    return { names: written, autoNames: [], items, itemTags, problems: added.length > 0 ? [suggestTagsProblem(projectDir, post, added)] : [] };
  }
  return { names: [...written, ...added], autoNames: added, items, itemTags, problems: [] };
}

/** Text a mention stands for: a 6000-character digest needs 4 mentions of a term no title names. */
const CHARS_PER_MENTION = 1500;

function uniqueTerms(terms: (Term | undefined)[]): Term[] {
  return [...new Set(terms.filter((term): term is Term => term !== undefined))];
}
