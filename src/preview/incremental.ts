import { copyFile, mkdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext } from '../build/context.ts';
import { eachNonTemplateFile } from '../eleventy/generated-files.ts';
import { feedFilePaths } from '../feeds/build-feeds.ts';
import { mapLimited } from '../map-limited.ts';
import { packageDir } from '../config/runtime.ts';
import type { SiteModel } from '../site/model.ts';
import type { EleventyPage, FullBuild, TemplateEntry } from './full-build.ts';
import { eventLoopTurns } from './event-loop-turns.ts';
import { PostDigests, Signatures } from './signatures.ts';
import { WrittenFiles, writeIfChanged } from './written-files.ts';

/** The pages of one template: paginated templates by item key, the others as a single page. */
interface TemplatePlan {
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

const keyOf = (item: unknown): string | null => {
  const record = item as { url?: unknown; post?: { url?: unknown } };
  if (typeof record?.url === 'string') return record.url;
  if (typeof record?.post?.url === 'string') return record.post.url;
  return null;
};

/**
 * Plans the pages of `site`; null when a template paginates in a way this
 * module does not follow (more than one item a page, items without a URL):
 * the caller then rebuilds everything.
 */
export function indexPages(built: FullBuild, site: SiteModel, before: PageIndex | null, digests?: PostDigests): PageIndex | null {
  digests?.nextRound();
  const signatures = new Signatures(site, digests, { termPostsShown: !built.templates.every((entry) => isOwnTemplate(entry.inputPath)) });
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

/**
 * Feeds, search files, sitemap (listing `urls`) and the rest, for `site`; writes those whose bytes
 * changed, each as it is made. `announce` hears of the changed feeds as soon as the last feed is
 * out, before the search index is made, and of the other changed files at the end.
 */
export async function writeGeneratedFiles(
  context: BuildContext,
  site: SiteModel,
  out: string,
  urls: string[],
  /** What was written to the generation folder before (default: nothing known, every file is read back). */
  known: WrittenFiles = new WrittenFiles(),
  announce: (urls: string[]) => void = () => {},
  /**
   * Asked after each file once the feeds are out: true stops there, because newer changes wait
   * and their update makes every file again from its own model (default: never). The generators
   * are then left at a yield: their caches must stay usable (the feed and search caches only add
   * entries keyed by what they were made from, and the search postings are composed in one step).
   */
  superseded: Superseded = () => false,
): Promise<GeneratedFiles> {
  const feeds = feedFilePaths(site.taxonomy);
  const paths: string[] = [];
  const written: string[] = [];
  let unannounced: string[] = [];
  const flush = () => {
    if (unannounced.length > 0) announce(unannounced.map((file) => `/${file}`));
    unannounced = [];
  };
  const pages = urls.map((url) => ({ url, outputPath: outputPathOf(out, url) }));
  let complete = true;
  const turn = eventLoopTurns();
  for await (const file of eachNonTemplateFile(context, site, pages)) {
    // Without it a save's watcher event waits for every file to be made: superseded() would not hear of it.
    await turn();
    if (!feeds.has(file.path)) {
      flush();
      if (superseded('generated files')) {
        complete = false;
        break;
      }
    }
    paths.push(file.path);
    if (await known.write(path.join(out, file.path), file.body)) {
      written.push(file.path);
      unannounced.push(file.path);
    }
  }
  flush();
  return { urls, paths, written, complete };
}

/** Whether newer changes wait, asked where an update can stop: once the site is read, after a generated file, between batches of pages. */
export type Superseded = (at: 'site' | 'generated files' | 'pages') => boolean;

/** What writeGeneratedFiles wrote. */
export interface GeneratedFiles {
  /** The page URLs the sitemap lists. */
  urls: string[];
  /** Every file made, relative to the output folder. */
  paths: string[];
  /** Those whose bytes changed. */
  written: string[];
  /** False when `superseded` stopped the writing after the feeds: `paths` is then not every file. */
  complete: boolean;
}

export interface IncrementalResult {
  /** Site-relative URLs (unencoded) of pages whose bytes changed, removed ones included. */
  changed: string[];
  /** The signatures of what is now written; when interrupted, `before`'s (see `touched`). */
  index: PageIndex;
  /** False when `superseded` stopped the update before every page was compared. */
  complete: boolean;
  /** Pages written or removed: an interrupted update leaves them out of date with `index`. */
  touched: Set<string>;
}

export interface UpdateOptions {
  /** Pages to render and announce before the rest (the edited post's) (default: none). */
  first?: ReadonlySet<string> | null | undefined;
  /** Pages to render even when their signature did not change: written outside the index before (default: none). */
  force?: ReadonlySet<string> | null | undefined;
  /**
   * Asked between batches of pages: true stops the update there, because newer changes wait and
   * will be applied from `before` (default: never).
   */
  superseded?: Superseded | null | undefined;
  /** Feeds, search and sitemap the caller already wrote for `site` (default: written here, after the first pages). */
  generated?: GeneratedFiles | null | undefined;
}

/** Pages rendered between two looks at `superseded`: short enough that a new save waits little. */
const BATCH = 16;

/**
 * Brings the generation folder from `before` to `site`: renders the pages whose
 * signature changed (through Eleventy's own compiled templates, so the bytes are
 * what a build writes), the pages without pagination, feeds, search and sitemap,
 * writes only files whose bytes differ and removes pages that no longer exist.
 */
export async function updatePages(
  built: FullBuild,
  context: BuildContext,
  site: SiteModel,
  before: PageIndex,
  after: PageIndex,
  announce: (urls: string[]) => void,
  options: UpdateOptions = {},
): Promise<IncrementalResult> {
  const first = options.first ?? new Set<string>();
  const force = options.force ?? new Set<string>();
  const superseded = options.superseded ?? (() => false);
  const touched = new Set<string>();
  // Stopped early: the index stays `before`, plus the generated files this update wrote.
  const interrupted = (): IncrementalResult => ({
    changed,
    index: { ...before, generated: new Set([...(before.generated ?? []), ...written]) },
    complete: false,
    touched,
  });
  const written: string[] = [];
  const out = built.outputDir;
  const changed: string[] = [];
  const stale: { plan: TemplatePlan; keys: string[] }[] = [];

  for (const [index, plan] of after.plans.entries()) {
    const old = before.plans[index]?.pages ?? new Map<string, string>();
    if (plan.property === null) continue;
    const keys = [...plan.pages].filter(([key, sig]) => old.get(key) !== sig || force.has(key)).map(([key]) => key);
    for (const key of old.keys()) {
      if (plan.pages.has(key)) continue;
      touched.add(key);
      await removeFile(out, outputPathOf(out, key));
      changed.push(key);
    }
    stale.push({ plan, keys });
  }

  const render = async (plan: TemplatePlan, keys: Set<string> | null) => {
    const property = plan.property;
    const items = property && keys ? ((site as unknown as Record<string, unknown[]>)[property] ?? []).filter((item) => keys.has(keyOf(item)!)) : null;
    if (items && items.length === 0) return;
    for (const item of items ?? []) touched.add(keyOf(item)!);
    const pages = await renderItems(plan.entry, site, property && items ? { property, items } : null);
    if (!property) plan.urls = pages.map((page) => page.url);
    for (const page of pages) if (page.changed) changed.push(page.url);
  };

  // The edited post's own page first: it is what the author is looking at.
  for (const { plan, keys } of stale) {
    const wanted = keys.filter((key) => first.has(key));
    if (wanted.length > 0) await render(plan, new Set(wanted));
  }
  if (changed.length > 0) announce([...changed]);
  if (superseded('pages')) return interrupted();

  // Then feeds, search and sitemap, which come from the model alone: readers of the feed and the
  // search box see the edit before the hundreds of pages below are compared.
  const listedBefore = after.plans.flatMap((plan) => (plan.property ? [...plan.pages.keys()] : plan.urls));
  let generated = options.generated ?? null;
  if (!generated) {
    generated = await writeGeneratedFiles(context, site, out, listedBefore, built.generatedFiles, announce);
    changed.push(...generated.written.map((file) => `/${file}`));
  }
  written.push(...generated.written);

  for (const { plan, keys } of stale) {
    const rest = keys.filter((key) => !first.has(key));
    for (let at = 0; at < rest.length; at += BATCH) {
      if (superseded('pages')) return interrupted();
      await render(plan, new Set(rest.slice(at, at + BATCH)));
    }
  }
  for (const plan of after.plans) if (plan.property === null) await render(plan, null);

  // A page without pagination that moved (it rarely does) changes the sitemap: written again.
  const listedAfter = after.plans.flatMap((plan) => (plan.property ? [...plan.pages.keys()] : plan.urls));
  if (listedAfter.join('\n') !== generated.urls.join('\n')) {
    generated = await writeGeneratedFiles(context, site, out, listedAfter, built.generatedFiles);
    changed.push(...generated.written.map((file) => `/${file}`));
  }
  // A search chunk or a tag's feed that is no longer produced goes too.
  const generatedPaths = new Set(generated.paths);
  for (const old of before.generated ?? []) {
    if (generatedPaths.has(old)) continue;
    built.generatedFiles.forget(path.join(out, old));
    await removeFile(out, path.join(out, old));
    changed.push(`/${old}`);
  }
  after.generated = generatedPaths;
  // Files beside posts whose pages changed (an added or renamed post's among them); the others are in place.
  const rendered = new Set(stale.flatMap(({ keys }) => keys));
  for (const post of [...site.posts, ...site.pages]) {
    if (!rendered.has(post.url)) continue;
    for (const asset of post.assetFiles) {
      const target = path.join(out, asset.output);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(asset.source, target);
    }
  }
  return { changed, index: after, complete: true, touched };
}

/**
 * Renders a template's pages for `site` and writes those whose bytes changed. With `only`,
 * Eleventy paginates just those items of `site.<property>` (a view of the model that
 * differs in that one array), so one post's page costs one render, not a thousand.
 */
export async function renderItems(
  entry: TemplateEntry,
  site: SiteModel,
  only: { property: string; items: unknown[] } | null,
): Promise<{ url: string; changed: boolean }[]> {
  const view = only ? (Object.create(site, { [only.property]: { value: only.items } }) as SiteModel) : site;
  const data = { ...entry.data, site: view, t: site.strings, page: { ...entry.data.page } };
  const pages = await entry.template.getTemplates(data);
  const written: { url: string; changed: boolean }[] = [];
  await mapLimited(pages, 4, async (page) => {
    page.data.site = site;
    const html = await renderPage(page);
    if (typeof page.outputPath !== 'string' || typeof page.url !== 'string') return;
    written.push({ url: decodeURI(page.url), changed: await writeIfChanged(path.resolve(page.outputPath), html) });
  });
  return written;
}

/** Content, layout and transforms, as Eleventy's `Template#renderPageEntry` does. */
async function renderPage(page: EleventyPage): Promise<string> {
  page.templateContent = await page.template.renderDirect(page.rawInput, page.data);
  const layoutKey = page.data.layout;
  const html = layoutKey ? await page.template.getLayout(layoutKey).renderPageEntry(page) : page.templateContent;
  return page.template.runTransforms(html, page);
}

/** A template of weeklog's own theme (not a project's own templates/), whose term pages show a term's posts by count alone. */
function isOwnTemplate(inputPath: string): boolean {
  return path.resolve(inputPath).startsWith(path.join(packageDir, 'templates') + path.sep);
}

/** Removes a file this preview wrote, and the folders it leaves empty. */
async function removeFile(out: string, file: string): Promise<void> {
  await rm(file, { force: true });
  for (let dir = path.dirname(file); dir.startsWith(out + path.sep); dir = path.dirname(dir)) {
    if (!(await rmdir(dir).then(() => true, () => false))) break;
  }
}

/** `/a/b/` → `<out>/a/b/index.html`, `/atom.xml` → `<out>/atom.xml`, as Eleventy writes them. */
function outputPathOf(out: string, url: string): string {
  return path.join(out, ...url.split('/').filter(Boolean), ...(url.endsWith('/') ? ['index.html'] : []));
}

