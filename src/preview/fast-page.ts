import { existsSync } from 'node:fs';
import type { BuildContext } from '../build/context.ts';
import { loadPosts, type ContentMemo } from '../content/load-posts.ts';
import type { Post } from '../content/post.ts';
import { displayPath } from '../problems.ts';
import { hasSidebarToc, type PostPage, type SiteModel } from '../site/model.ts';
import type { FullBuild } from './full-build.ts';
import { renderItems } from './render-items.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The page of one edited post, rendered before the rest of the site is read
 * again: the post is read and rendered alone and placed in the model as it was,
 * keeping its neighbours and the terms the taxonomy gave it. Only when nothing
 * that decides those changed (URL, date, categories, front-matter tags, draft or
 * page status) and the post has no errors; otherwise returns null and the full
 * update does the work. The update that follows writes the page again if the
 * whole model says otherwise (a link to another post's .md file, say).
 */
export async function renderEditedPost(built: FullBuild, context: BuildContext, file: string, memo: ContentMemo): Promise<string | null> {
  const site = built.site;
  const shown = displayPath(context.paths.projectDir, file);
  const old = [...site.posts, ...site.pages].find((post) => post.file === shown);
  const template = built.templates.find((entry) => (entry.data.pagination as { data?: string } | undefined)?.data === 'site.postPages');
  if (!old || !template || !existsSync(file)) return null;

  const loaded = await loadPosts(context.settings, {
    projectDir: context.paths.projectDir,
    contentDir: context.paths.contentDir,
    mode: context.mode,
    renderCache: context.renderCache,
    only: new Set([file]),
    // The file list and git dates of the last load: walking the folder and running git would cost more than the render.
    memo,
  });
  const post = loaded.posts[0];
  if (!post || loaded.posts.length !== 1 || loaded.problems.some((problem) => problem.severity === 'error')) return null;
  const decided = (p: Post) => [p.url, p.date.getTime(), p.categoryPaths, p.frontMatterTags, p.draft, p.standalone];
  if (!same(decided(post), decided(old))) return null;
  Object.assign(post, { tags: old.tags, autoTags: old.autoTags, tagRefs: old.tagRefs, categoryRefs: old.categoryRefs });

  const index = site.postPages.findIndex((page) => page.post === old);
  if (index === -1) return null;
  const page: PostPage = { ...site.postPages[index]!, post, sidebarToc: hasSidebarToc(post) };
  const written = await renderItems(template, site, { property: 'postPages', items: [page] });
  return written.some((entry) => entry.changed) ? post.url : null;
}
