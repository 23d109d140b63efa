import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Eleventy from '@11ty/eleventy';
import { attachBuildContext, BuildContext } from '../../src/build/context.ts';
import { EleventyInternalsError, releaseWrittenPages } from '../../src/eleventy/release-written-pages.ts';
import { PageContentOrderError, renderPagesWhenWritten } from '../../src/eleventy/render-pages-when-written.ts';
import { projectDir } from '../helpers/sample-site.ts';

interface Result {
  url: string | false;
  outputPath: string | false;
  content?: unknown;
}

interface PageInternals {
  _templateContent?: unknown;
  template: { _cacheRenderedPromise?: unknown; _cacheRenderedTransformsAndLayoutsPromise?: unknown };
}

interface ConfigInternals {
  on(event: string, listener: (arg: { results: Result[] }) => void): void;
  addTransform(name: string, transform: (content: string) => string): void;
}

type MapInternals = { getMap(): { _pages: PageInternals[] }[] };

/** The sample site through Eleventy as `buildSite` runs it, with or without the adaptations. */
async function write(context: BuildContext, outputDir: string, adapt: boolean) {
  let seen: { results: Result[]; contents: unknown[] } | undefined;
  let writer: { templateMap: MapInternals } | undefined;
  // How many pages had their content rendered and held when each page was about to be written.
  const held: number[] = [];
  const eleventy = new Eleventy(undefined, outputDir, {
    configPath: context.theme.configFile,
    quietMode: true,
    config: (eleventyConfig: ConfigInternals) => {
      attachBuildContext(eleventyConfig, context);
      // Listens before weeklog's own plugins: what any eleventy.after hook gets.
      eleventyConfig.on('eleventy.after', ({ results }) => {
        seen = { results, contents: results.map((result) => result.content) };
      });
      // Eleventy runs transforms on each page after its layout, just before writing it.
      eleventyConfig.addTransform('count-held', (content) => {
        held.push(writer!.templateMap.getMap().flatMap((entry) => entry._pages).filter((page) => page._templateContent !== undefined).length);
        return content;
      });
    },
  });
  eleventy.logger.overrideLogger({ log() {}, warn() {}, error: console.error } as unknown as Console);
  await eleventy.init();
  writer = (eleventy as unknown as { writer: { templateMap: MapInternals } }).writer;
  if (adapt) {
    renderPagesWhenWritten(eleventy);
    releaseWrittenPages(eleventy);
  }
  await eleventy.write();
  const map = writer.templateMap;
  return { ...seen!, pages: map.getMap().flatMap((entry) => entry._pages), templates: map.getMap().length, held };
}

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  return new Map(await Promise.all(names.map(async (entry) => [path.relative(dir, path.join(entry.parentPath, entry.name)), await readFile(path.join(entry.parentPath, entry.name))] as const)));
}

test('releaseWrittenPages', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-release-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  // The output folder is the context's (`.eleventy.ts` sets it); the second build finds the posts in the render cache.
  const contextFor = (name: string) =>
    new BuildContext({ projectDir, outputDir: path.join(dir, name), cacheDir: path.join(dir, 'cache'), problemsPrintedBy: 'caller', renderThreads: null });
  const plain = await write(contextFor('plain'), path.join(dir, 'plain'), false);
  const released = await write(contextFor('released'), path.join(dir, 'released'), true);

  await t.test('should write the same files, byte for byte, as Eleventy does unadapted', async () => {
    const [before, after] = [await filesOf(path.join(dir, 'plain')), await filesOf(path.join(dir, 'released'))];
    assert.ok(before.size > 50, `expected a whole site, got ${before.size} files`);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    for (const [name, bytes] of before) assert.ok(bytes.equals(after.get(name)!), `${name} differs`);
  });

  await t.test('should hand eleventy.after every page, each with its written content', () => {
    assert.equal(released.results.length, plain.results.length);
    assert.deepEqual(released.results.map((r) => r.url).sort(), plain.results.map((r) => r.url).sort());
    // Against what unadapted Eleventy handed over for the same URL: the file on disk would be what the getter reads anyway.
    const plainContent = new Map(plain.results.map((result, index) => [result.url, plain.contents[index]]));
    released.results.forEach((result, index) => {
      assert.equal(typeof result.outputPath, 'string');
      assert.equal(typeof released.contents[index], 'string', `${result.url}`);
      assert.equal(released.contents[index], plainContent.get(result.url), `${result.url}`);
    });
  });

  await t.test('should keep no page HTML once the pages are written', () => {
    // Unadapted, Eleventy holds every page's content and its page as written until the build ends.
    assert.ok(plain.pages.every((page) => typeof page._templateContent === 'string' && page.template._cacheRenderedTransformsAndLayoutsPromise));
    assert.ok(released.pages.length > 50);
    for (const page of released.pages) {
      assert.equal(page._templateContent, undefined);
      assert.equal(page.template._cacheRenderedPromise, undefined);
      assert.equal(page.template._cacheRenderedTransformsAndLayoutsPromise, undefined);
    }
  });

  await t.test('should render each page when it writes it, not every page first', () => {
    const renderable = plain.pages.filter((page) => typeof page._templateContent === 'string').length;
    assert.equal(plain.held.length, renderable);
    // Unadapted, every page's content is rendered before the first page is written.
    assert.equal(plain.held[0], renderable);
    // Adapted, only the page being written by each template (they write side by side).
    assert.equal(released.held.length, renderable);
    assert.ok(Math.max(...released.held) <= released.templates, `at most one page per template, got ${Math.max(...released.held)} of ${renderable}`);
  });

  await t.test('should refuse an Eleventy that has not made its writer yet', () => {
    assert.throws(() => releaseWrittenPages(new Eleventy(undefined, path.join(dir, 'never'), { quietMode: true })), EleventyInternalsError);
    assert.throws(() => renderPagesWhenWritten(new Eleventy(undefined, path.join(dir, 'never'), { quietMode: true })), EleventyInternalsError);
  });
});

test('renderPagesWhenWritten', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-render-when-written-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  // Two pages of one template (written one after the other), whose layout reads every page's content from a collection.
  await mkdir(path.join(dir, 'input/_includes'), { recursive: true });
  await writeFile(path.join(dir, 'input/_includes/all.njk'), '{% for item in collections.all %}[{{ item.templateContent | safe }}]{% endfor %}\n');
  await writeFile(path.join(dir, 'input/pages.njk'), '---\npagination:\n  data: numbers\n  size: 1\n  alias: n\n  addAllPagesToCollections: true\nnumbers: [1, 2]\npermalink: "/{{ n }}/"\nlayout: all.njk\n---\npage {{ n }}\n');
  await writeFile(path.join(dir, 'eleventy.config.mjs'), 'export default function () {}\n');
  const build = async (name: string, adapt: boolean) => {
    const eleventy = new Eleventy(path.join(dir, 'input'), path.join(dir, name), { quietMode: true, configPath: path.join(dir, 'eleventy.config.mjs') });
    eleventy.logger.overrideLogger({ log() {}, warn() {}, error() {} } as unknown as Console);
    await eleventy.init();
    if (adapt) renderPagesWhenWritten(eleventy);
    return eleventy.write();
  };

  await t.test('should fail the build, naming the page, when a template reads content not rendered yet', async () => {
    // Unadapted, Eleventy renders both pages' content before either layout.
    await build('plain', false);
    assert.equal(await readFile(path.join(dir, 'plain/1/index.html'), 'utf8'), '[page 1\n][page 2\n]\n');
    // Eleventy's own "used too early" error would make its writer skip the page without a word.
    const error = await build('adapted', true).then(() => undefined, (e: unknown) => e);
    const chain: unknown[] = [];
    for (let e = error; e; e = (e as { cause?: unknown; originalError?: unknown }).cause ?? (e as { originalError?: unknown }).originalError) chain.push(e);
    const order = chain.find((e) => e instanceof PageContentOrderError) as PageContentOrderError | undefined;
    assert.ok(order, `expected a PageContentOrderError, got ${String(error)}`);
    assert.match(order.message, /pages\.njk \(\/1\/\) reads the templateContent/);
  });
});
