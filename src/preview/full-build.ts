import { readFile } from 'node:fs/promises';
import Eleventy from '@11ty/eleventy';
import { limitHeapGrowth } from '../build/heap-growth.ts';
import { writePagesOneAtATime } from '../eleventy/write-pages-one-at-a-time.ts';
import { attachBuildContext, type BuildContext } from '../build/context.ts';
import type { SiteModel } from '../site/model.ts';
import { WrittenFiles } from './written-files.ts';

/** What a full build leaves behind for incremental updates: the model and Eleventy's compiled templates. */
export interface FullBuild {
  outputDir: string;
  site: SiteModel;
  /** One entry per template file: the template object and its data before pagination. */
  templates: TemplateEntry[];
  /** Each template's source (by Eleventy's input path), to see which parts of the model it reads. */
  sources: Map<string, string>;
  /** What updates wrote to the feeds, search files and sitemap of `outputDir`. */
  generatedFiles: WrittenFiles;
  /** The project brings templates of its own (see `Theme.projectTemplates`). */
  projectTemplates: boolean;
}

/** Eleventy 3.1's template map entry (an internal shape; the version is pinned in package.json). */
export interface TemplateEntry {
  inputPath: string;
  template: EleventyTemplate;
  data: Record<string, unknown> & { page: Record<string, unknown> };
  /** The URLs (unencoded) of the pages the full build wrote from it, in its order. */
  urls: string[];
}

export interface EleventyTemplate {
  getTemplates(data: Record<string, unknown>): Promise<EleventyPage[]>;
  renderDirect(rawInput: string, data: Record<string, unknown>): Promise<string>;
  getLayout(key: string): { renderPageEntry(page: EleventyPage): Promise<string> };
  runTransforms(content: string, page: EleventyPage): Promise<string>;
}

export interface EleventyPage {
  template: EleventyTemplate;
  rawInput: string;
  data: Record<string, unknown> & { layout?: string; page: Record<string, unknown> };
  url: string | false;
  outputPath: string | false;
  templateContent: string | undefined;
}

/** How far past its live data the heap of `serve` may grow once the first build's posts are rendered (as `weeklog build`'s). */
const HEAP_GROWTH_PERCENT = 25;

/**
 * The whole site through Eleventy, in serve mode (drafts, problems in the page),
 * into `outputDir` (an empty generation folder). Throws what the build throws: settings and template errors.
 */
export async function fullBuild(context: BuildContext, outputDir: string, generatedFiles = new WrittenFiles()): Promise<FullBuild> {
  const site = await context.site();
  const eleventy = new Eleventy(undefined, outputDir, {
    configPath: context.theme.configFile,
    quietMode: true,
    // Runs before `.eleventy.ts`, which takes the context from its config object.
    config: (eleventyConfig: object) => attachBuildContext(eleventyConfig, context),
  });
  // Eleventy forces its "Copied … Wrote …" line even in quiet mode; serve prints its own.
  eleventy.logger.overrideLogger({ log() {}, warn() {}, error: console.error } as unknown as Console);
  await eleventy.init();
  writePagesOneAtATime(eleventy);
  // As in a build, once the posts are rendered the heap grows only a little past what is alive, for the rest of
  // the session. At 4000 posts the pages' garbage took serve's start to 1.75 GB, and each update's added ~0.6 GB
  // (2.0 GB after five edits; 1.4 GB so), for ~0.2 s more before feed.json showed an edit (~30 ms at 1000 posts).
  limitHeapGrowth(HEAP_GROWTH_PERCENT);
  await eleventy.write();
  const map = (eleventy as unknown as { writer: { templateMap: { getMap(): (TemplateEntry & { _pages?: EleventyPage[] })[] } } }).writer.templateMap.getMap();
  const templates = map.map((entry) => {
    const urls = (entry._pages ?? []).flatMap((page) => (typeof page.url === 'string' && typeof page.outputPath === 'string' ? [decodeURI(page.url)] : []));
    // The page entries are not needed again.
    delete entry._pages;
    return { inputPath: entry.inputPath, template: entry.template, data: entry.data, urls };
  });
  const sources = new Map(await Promise.all(templates.map(async (entry) => [entry.inputPath, await readFile(entry.inputPath, 'utf8')] as const)));
  return { outputDir, site, templates, sources, generatedFiles, projectTemplates: context.theme.projectTemplates };
}
