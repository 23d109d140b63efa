import { adaptEachTemplate, EleventyInternalsError } from './eleventy-internals.ts';

/** A template read another page's content, which weeklog has not rendered yet: it renders each page as it writes it. */
export class PageContentOrderError extends EleventyInternalsError {}

/** The parts of Eleventy 3.1's page entry (`Template#getTemplates`) this module touches. */
interface PageEntry {
  _templateContent?: unknown;
  templateContent?: unknown;
  inputPath?: string;
  url?: string | false;
}

interface TemplateInternals {
  renderPageEntry(page: PageEntry): Promise<unknown>;
  renderPageEntryWithoutLayout(page: PageEntry): Promise<unknown>;
}

interface TemplateMapInternals {
  populateContentDataInMap(orderedMap: unknown[]): Promise<void>;
}

interface WriterInternals {
  templateMap?: TemplateMapInternals;
}

const adapted = Symbol('weeklog.rendersPagesWhenWritten');

/**
 * Renders each page's content when Eleventy writes the page, not all of them first. Eleventy 3.1
 * renders the content of every page of the site (`TemplateMap#populateContentDataInMap`) before it
 * writes the first one, so every page's HTML is alive at once: at 4000 posts that grew the heap by
 * ~750 MB. Here the template map renders nothing; when Eleventy writes a page (each template's
 * pages one after another, `Template#generateMapEntry`) its content is rendered first, then its
 * layout, as Eleventy renders them, and `releaseWrittenPages` lets go of both once it is written.
 *
 * What changes: a template can no longer read the `templateContent` of another page from a
 * collection (Eleventy rendered all content before any layout for that). Such a read fails the
 * build with a `PageContentOrderError`, rather than Eleventy's "used too early", which its writer
 * catches and then skips the page without a word. weeklog's templates read posts from the site
 * model, never from collections.
 *
 * Call it once per Eleventy instance, after `init()` and before `write()`. Only that instance's
 * writer, template maps and templates change; nothing of Eleventy's modules is patched.
 */
export function renderPagesWhenWritten(eleventy: object): void {
  const writer = adaptEachTemplate(eleventy, 'renderPagesWhenWritten', (template) => adaptTemplate(template as TemplateInternals)) as WriterInternals;
  // The writer makes a new template map for each build (`TemplateWriter#_createTemplateMap`).
  let current = writer.templateMap;
  if (current) adaptMap(current);
  Object.defineProperty(writer, 'templateMap', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (map: TemplateMapInternals) => {
      adaptMap(map);
      current = map;
    },
  });
}

function adaptMap(map: TemplateMapInternals): void {
  if (typeof map.populateContentDataInMap !== 'function') throw new EleventyInternalsError('An Eleventy template map has no populateContentDataInMap method to adapt; see renderPagesWhenWritten.');
  // An own property, found before the class's method that renders every page.
  map.populateContentDataInMap = async () => {};
}

function adaptTemplate(template: TemplateInternals & { [adapted]?: true }): void {
  if (template[adapted]) return;
  const render = template.renderPageEntry;
  if (typeof render !== 'function' || typeof template.renderPageEntryWithoutLayout !== 'function') {
    throw new EleventyInternalsError('An Eleventy template has no renderPageEntry method to adapt; see renderPagesWhenWritten.');
  }
  template[adapted] = true;
  // An own property: pagination clones copy it (Template#clone copies every own key), and the
  // writer calls it on each page's own template (`page.template.renderPageEntry(page)`).
  template.renderPageEntry = async function (this: TemplateInternals, page: PageEntry) {
    try {
      // What the template map would have rendered: Eleventy's own method, with its cache.
      if (page._templateContent === undefined) page.templateContent = await this.renderPageEntryWithoutLayout(page);
      return await render.call(this, page);
    } catch (error) {
      if (!readsUnrenderedContent(error)) throw error;
      // Not Eleventy's error as the cause: its writer would recognise it and drop the page silently.
      throw new PageContentOrderError(
        `${page.inputPath ?? 'A template'} (${String(page.url)}) reads the templateContent of a page that is not rendered yet: weeklog renders each page when it writes it. Read posts from \`site\` instead of from collections.`,
        { cause: new EleventyInternalsError(errorMessage(error), { cause: error }) },
      );
    }
  };
}

/** Eleventy's TemplateContentPrematureUseError, possibly inside a template engine's error (`EleventyErrorUtil#isPrematureTemplateContentError`). */
function readsUnrenderedContent(error: unknown): boolean {
  for (let e = error as { name?: unknown; message?: unknown; cause?: unknown; originalError?: unknown } | undefined, depth = 0; e && depth < 8; depth++) {
    if (e.name === 'TemplateContentPrematureUseError' || (typeof e.message === 'string' && e.message.includes('TemplateContentPrematureUseError'))) return true;
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return false;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
