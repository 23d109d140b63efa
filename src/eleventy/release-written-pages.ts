import { readFileSync } from 'node:fs';
import { adaptEachTemplate, EleventyInternalsError } from './eleventy-internals.ts';

export { EleventyInternalsError };

/** The parts of Eleventy 3.1's page entry (`Template#getTemplates`) this module touches. */
interface PageEntry {
  template: TemplateInternals;
  _templateContent?: unknown;
}

/** What `Template#_write` resolves to: one element of the `results` of `eleventy.after`. */
interface WriteResult {
  outputPath: string | false;
  content?: unknown;
}

interface TemplateInternals {
  _write(page: PageEntry, content: unknown): Promise<WriteResult | undefined>;
  _cacheRenderedPromise?: unknown;
  _cacheRenderedTransformsAndLayoutsPromise?: unknown;
}

const adapted = Symbol('weeklog.releasesWrittenPages');

/**
 * Lets go of each page's HTML as soon as Eleventy has written it. Eleventy 3.1 renders every
 * page's content first and keeps it, with the page as written, until the build ends: in the page
 * (`templateContent`), in the template's two render caches and in the result list handed to
 * `eleventy.after`. At 1000 posts that was ~250 MB of strings alive at once (Chinese HTML takes
 * two bytes a character), growing with the site.
 *
 * After a page is written its render caches and `templateContent` are dropped, and the result's
 * `content` becomes a getter that reads the written file, so an `eleventy.after` hook that reads
 * `results[i].content` gets the same text (while the file is where Eleventy wrote it).
 * Reading another page's `templateContent` from an Eleventy collection after that page was
 * written now fails as "used too early"; weeklog's templates read posts from the site model,
 * never from collections.
 *
 * Call it once per Eleventy instance, after `init()` and before `write()`: the writer it wraps is
 * made by `init()`. Only that instance changes; nothing of Eleventy's modules is patched.
 */
export function releaseWrittenPages(eleventy: object): void {
  adaptEachTemplate(eleventy, 'releaseWrittenPages', (template) => adaptTemplate(template as TemplateInternals));
}

function adaptTemplate(template: TemplateInternals & { [adapted]?: true }): void {
  // Eleventy keeps templates between builds of one instance (`serve` watching): wrap once.
  if (template[adapted]) return;
  const write = template._write;
  if (typeof write !== 'function') throw new EleventyInternalsError('An Eleventy template has no _write method to adapt; see releaseWrittenPages.');
  template[adapted] = true;
  // An own property: pagination clones copy it (Template#clone copies every own key), and it
  // is called as `this._write` by the template that writes the pages.
  template._write = async function (this: TemplateInternals, page: PageEntry, content: unknown) {
    const result = await write.call(this, page, content);
    delete page.template._cacheRenderedTransformsAndLayoutsPromise;
    delete page.template._cacheRenderedPromise;
    page._templateContent = undefined;
    if (result && typeof result.outputPath === 'string' && typeof result.content === 'string') {
      const file = result.outputPath;
      Object.defineProperty(result, 'content', { enumerable: true, configurable: true, get: () => readFileSync(file, 'utf8') });
    }
    return result;
  };
}
