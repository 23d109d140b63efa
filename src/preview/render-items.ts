import path from 'node:path';
import { mapLimited } from '../map-limited.ts';
import type { SiteModel } from '../site/model.ts';
import type { EleventyPage, TemplateEntry } from './full-build.ts';
import { writeIfChanged } from './written-files.ts';

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
