import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveTheme } from '../config/runtime.ts';
import type { Settings } from '../config/settings.ts';
import type { Post } from '../content/post.ts';
import { feedUrls } from '../feeds/urls.ts';
import { displayPath, type Problem } from '../problems.ts';
import { GENERATED_FILES } from './generated-paths.ts';
import type { Taxonomy } from '../taxonomy/types.ts';
import { SiteModel } from './model.ts';
import { stringsFor } from './strings.ts';

/**
 * Longest folder or file name a URL may give. File systems stop at 255 bytes (NAME_MAX);
 * the margin leaves room for writers that add a suffix to a temporary name.
 */
export const MAX_NAME_BYTES = 240;


export interface UrlClashes {
  problems: Problem[];
  /** Posts and pages that cannot be written; the rest of the site can. */
  clashing: Set<Post>;
}

/**
 * Finds every post or page whose output file another output already takes (a generated page
 * such as `/` or `/tags/`, a feed, the sitemap, a public file such as `/css/site.css`, another
 * post), needs a folder where a file is or the reverse, or has a name too long for the file
 * system. Eleventy would stop on these with a trace that names no Markdown file, after writing.
 */
export function findUrlClashes(
  site: { posts: Post[]; pages: Post[]; taxonomy: Taxonomy },
  settings: Settings,
  projectDir: string,
): UrlClashes {
  const problems: Problem[] = [];
  const clashing = new Set<Post>();
  const files = new Map<string, string>();
  const folders = new Map<string, string>();
  const reserve = (output: string, owner: string): void => {
    files.set(output, owner);
    for (let at = output.indexOf('/'); at !== -1; at = output.indexOf('/', at + 1)) {
      if (!folders.has(output.slice(0, at))) folders.set(output.slice(0, at), owner);
    }
  };
  for (const [output, owner] of generatedOutputs(site, settings, projectDir)) reserve(output, owner);

  const fail = (post: Post, ruleId: string, message: string): void => {
    clashing.add(post);
    problems.push({ file: post.file, line: post.urlPlace.line, column: post.urlPlace.column, severity: 'error', ruleId, message });
  };
  for (const post of [...site.posts, ...site.pages].sort((a, b) => a.file.localeCompare(b.file))) {
    const output = outputPathOf(post.url);
    const long = output.split('/').find((name) => Buffer.byteLength(name) > MAX_NAME_BYTES);
    const taken = files.get(output) ?? folders.get(output) ?? parentsOf(output).map((folder) => files.get(folder)).find((owner) => owner);
    if (long !== undefined) {
      fail(
        post,
        'url-too-long',
        `The URL ${shortened(post.url)} has a part of ${Buffer.byteLength(long)} bytes (\`${long.slice(0, 20)}…\`); file systems allow ${MAX_NAME_BYTES}. Give the post a shorter \`slug:\` or \`permalink:\`.`,
      );
    } else if (taken !== undefined) {
      fail(post, 'url-clash', `The URL ${shortened(post.url)} is already taken by ${taken}. Give the post another \`permalink:\` or \`slug:\`.`);
    } else {
      reserve(output, `the post ${post.file}`);
    }
  }
  for (const term of [...site.taxonomy.allCategories, ...site.taxonomy.tags]) {
    const long = term.url.split('/').find((name) => Buffer.byteLength(name) > MAX_NAME_BYTES);
    if (long === undefined) continue;
    for (const post of term.posts) {
      if (clashing.has(post)) continue;
      clashing.add(post);
      problems.push({
        file: post.file,
        line: 0,
        column: 0,
        severity: 'error',
        ruleId: 'url-too-long',
        message: `The ${term.kind} \`${term.name.slice(0, 20)}…\` would get a page named with ${Buffer.byteLength(long)} bytes; file systems allow ${MAX_NAME_BYTES}. Shorten it, or map it to a short slug in the settings.`,
      });
    }
  }
  return { problems, clashing };
}

/** Where Eleventy writes a URL: `/a/` → `a/index.html`, `/a.xml` → `a.xml`. */
export function outputPathOf(url: string): string {
  const relative = url.replace(/^\/+/u, '');
  return relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
}

function shortened(url: string): string {
  return url.length > 60 ? `${url.slice(0, 60)}…` : url;
}

function parentsOf(output: string): string[] {
  const parts = output.split('/');
  return parts.slice(1).map((_, index) => parts.slice(0, index + 1).join('/'));
}

/** Output path → what writes it, for everything but posts. */
function generatedOutputs(site: { posts: Post[]; pages: Post[]; taxonomy: Taxonomy }, settings: Settings, projectDir: string): Map<string, string> {
  const outputs = new Map<string, string>();
  const theme = resolveTheme(projectDir);
  const model = new SiteModel(settings, site.posts, site.taxonomy, stringsFor(settings.language), 'build', [], []);
  for (const page of [...model.homePages, ...model.termPages, ...model.archivePages, ...model.linkPages]) {
    outputs.set(outputPathOf(page.url), `the generated page ${page.url}`);
  }
  for (const url of fixedTemplateUrls(theme.templatesDir)) outputs.set(outputPathOf(url), `the generated page ${url}`);
  // The site's, the link items' (feeds/link-feeds.ts) and every term's.
  for (const base of ['/', '/links/', ...site.taxonomy.allCategories.map((t) => t.url), ...site.taxonomy.tags.map((t) => t.url)]) {
    for (const url of Object.values(feedUrls(base))) outputs.set(outputPathOf(url), `the feed ${url}`);
  }
  for (const file of GENERATED_FILES) outputs.set(file, `the generated file /${file}`);
  const projectPublic = path.resolve(projectDir, settings.publicDir);
  for (const file of filesBelow(theme.publicDir)) outputs.set(file, `the theme's file /${file}`);
  for (const file of filesBelow(projectPublic)) outputs.set(file, `the public file ${displayPath(projectDir, path.join(projectPublic, file))}`);
  return outputs;
}

/** `permalink: /tags/` of the templates whose URL does not depend on data. */
function fixedTemplateUrls(templatesDir: string): string[] {
  const urls: string[] = [];
  for (const name of safeReaddir(templatesDir)) {
    if (!name.endsWith('.njk')) continue;
    const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/u.exec(readFileSync(path.join(templatesDir, name), 'utf8'))?.[1] ?? '';
    const permalink = /^permalink:[ \t]*["']?([^"'\s{]+)["']?[ \t]*$/mu.exec(frontMatter)?.[1];
    if (permalink && permalink.startsWith('/')) urls.push(permalink);
  }
  return urls;
}

function filesBelow(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => !entry.isDirectory())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  } catch {
    return [];
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
