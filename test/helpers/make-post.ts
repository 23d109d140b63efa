import type { Post } from '../../src/content/post.ts';
import type { LinkItem } from '../../src/markdown/types.ts';

/**
 * A Post as `loadPosts` would return it, for unit tests of the taxonomy step
 * alone; `title`, `date` and whatever the test is about are given, the rest is
 * derived or empty.
 */
export function makePost(fields: Partial<Post> & { title: string; date: Date }): Post {
  const slug = fields.title.replace(/\s+/gu, '-');
  const day = fields.date.toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    file: `content/posts/${slug}.md`,
    relativePath: `posts/${slug}.md`,
    hash: '',
    updated: null,
    dateSource: 'front-matter',
    categories: [],
    frontMatterTags: [],
    tags: [],
    autoTags: [],
    draft: false,
    standalone: false,
    url: `/${day}/${slug}/`,
    urlPlace: { line: 1, column: 1 },
    html: `<p>${fields.text ?? ''}</p>`,
    excerptHtml: '',
    summary: '',
    toc: [],
    headings: [],
    text: '',
    sections: [],
    linkItems: [],
    assets: [],
    links: [],
    ids: [],
    tocInText: false,
    assetFiles: [],
    readingTime: { minutes: 1, hanChars: 0, latinWords: 0 },
    data: {},
    categoryRefs: [],
    tagRefs: [],
    ...fields,
    categoryPaths: fields.categoryPaths ?? (fields.categories?.length ? [fields.categories] : []),
  };
}

export function linkItem(title: string, url: string, text: string, anchor: string): LinkItem {
  return {
    title,
    url,
    domain: new URL(url).hostname.replace(/^www\./u, ''),
    anchor,
    depth: 2,
    text,
    line: 1,
    column: 4,
    section: '',
    shape: 'heading',
    context: title,
  };
}
