import type { Post } from '../content/post.ts';
import type { Term } from './types.ts';
import { cleanNames, Slugger, SpellingGroup } from './spellings.ts';

interface CategoryNode {
  spellings: SpellingGroup;
  slugs: string[];
  parentKey: string | null;
  /** Posts filed directly here (not in a child). */
  directPosts: Set<Post>;
  childKeys: Set<string>;
}

export interface CategoryTree {
  roots: Term[];
  all: Term[];
  merges: string[];
  /** Root → leaf terms of each post. */
  pathOf: Map<Post, Term[]>;
}

/**
 * Builds the category hierarchy. Nodes are keyed by the slugs of their path,
 * so `Cloud/kubernetes` and `cloud/Kubernetes` are one node, and a parent's
 * posts include its descendants'.
 */
export function buildCategoryTree(
  posts: readonly Post[],
  categoryMap: Record<string, string>,
  collator: Intl.Collator,
  urlCase: 'lower' | 'keep' = 'lower',
): CategoryTree {
  const slugger = new Slugger(categoryMap, urlCase);
  const nodes = new Map<string, CategoryNode>();
  // The first path names the post's category (its page meta, `:category`); Hexo's list of lists files it under every path.
  const leafKeyOf = new Map<Post, string>();
  const oldestFirst = [...posts].reverse();

  oldestFirst.forEach((post, order) => {
    for (const categoryPath of post.categoryPaths) {
      let parentKey: string | null = null;
      const slugs: string[] = [];
      for (const name of cleanNames(categoryPath)) {
        slugs.push(slugger.slug(name));
        const key = slugs.join('/');
        let node = nodes.get(key);
        if (!node) {
          node = { spellings: new SpellingGroup(slugs[slugs.length - 1]), slugs: [...slugs], parentKey, directPosts: new Set(), childKeys: new Set() };
          nodes.set(key, node);
          if (parentKey !== null) nodes.get(parentKey)?.childKeys.add(key);
        }
        node.spellings.add(name, order);
        parentKey = key;
      }
      if (parentKey !== null) {
        nodes.get(parentKey)?.directPosts.add(post);
        if (!leafKeyOf.has(post)) leafKeyOf.set(post, parentKey);
      }
    }
  });

  const terms = new Map<string, Term>();
  const merges: string[] = [];
  const postOrder = new Map(posts.map((post, index) => [post, index]));

  const makeTerm = (key: string, parent: Term | null): Term => {
    const node = nodes.get(key)!;
    const name = node.spellings.displayName;
    const term: Term = {
      kind: 'category',
      name,
      slug: node.spellings.slug,
      url: `${parent ? parent.url : '/categories/'}${slugger.urlSlug(name)}/`,
      path: parent ? [...parent.path, name] : [name],
      posts: [],
      children: [],
      parent,
    };
    terms.set(key, term);
    const merged = node.spellings.mergedSpellings;
    if (merged.length > 0) {
      merges.push(`merged categories ${merged.map((m) => JSON.stringify(m)).join(', ')} into ${JSON.stringify(name)}${parent ? ` (under ${parent.path.join(' / ')})` : ''}`);
    }
    term.children = [...node.childKeys].map((childKey) => makeTerm(childKey, term)).sort((a, b) => collator.compare(a.name, b.name));
    const collected = new Set<Post>(node.directPosts);
    for (const child of term.children) for (const post of child.posts) collected.add(post);
    term.posts = [...collected].sort((a, b) => postOrder.get(a)! - postOrder.get(b)!);
    return term;
  };

  const roots = [...nodes.entries()]
    .filter(([, node]) => node.parentKey === null)
    .map(([key]) => makeTerm(key, null))
    .sort((a, b) => collator.compare(a.name, b.name));

  const all: Term[] = [];
  const walk = (term: Term): void => {
    all.push(term);
    term.children.forEach(walk);
  };
  roots.forEach(walk);

  const pathOf = new Map<Post, Term[]>();
  for (const [post, leafKey] of leafKeyOf) {
    const chain: Term[] = [];
    for (let term: Term | null = terms.get(leafKey) ?? null; term; term = term.parent) chain.unshift(term);
    pathOf.set(post, chain);
  }
  return { roots, all, merges, pathOf };
}
