import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext } from '../build/context.ts';
import type { SiteModel } from '../site/model.ts';
import type { FullBuild } from './full-build.ts';
import { writeGeneratedFiles, type GeneratedFiles, type Superseded } from './generated-update.ts';
import { outputPathOf, removeFile } from './output-files.ts';
import { keyOf, type PageIndex, type TemplatePlan } from './page-index.ts';
import { renderItems } from './render-items.ts';

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
