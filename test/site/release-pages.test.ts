import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Eleventy from '@11ty/eleventy';
import { attachBuildContext, BuildContext } from '../../src/build/context.ts';
import { EleventyInternalsError, releaseWrittenPages } from '../../src/eleventy/release-written-pages.ts';
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

/** The sample site through Eleventy as `buildSite` runs it, with or without the adaptation. */
async function write(context: BuildContext, outputDir: string, adapt: boolean) {
  let seen: { results: Result[]; contents: unknown[] } | undefined;
  const eleventy = new Eleventy(undefined, outputDir, {
    configPath: context.theme.configFile,
    quietMode: true,
    config: (eleventyConfig: { on(event: string, listener: (arg: { results: Result[] }) => void): void }) => {
      attachBuildContext(eleventyConfig, context);
      // Listens before weeklog's own plugins: what any eleventy.after hook gets.
      eleventyConfig.on('eleventy.after', ({ results }) => {
        seen = { results, contents: results.map((result) => result.content) };
      });
    },
  });
  eleventy.logger.overrideLogger({ log() {}, warn() {}, error: console.error } as unknown as Console);
  await eleventy.init();
  if (adapt) releaseWrittenPages(eleventy);
  await eleventy.write();
  const map = (eleventy as unknown as { writer: { templateMap: { getMap(): { _pages: PageInternals[] }[] } } }).writer.templateMap.getMap();
  return { ...seen!, pages: map.flatMap((entry) => entry._pages) };
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

  await t.test('should refuse an Eleventy that has not made its writer yet', () => {
    assert.throws(() => releaseWrittenPages(new Eleventy(undefined, path.join(dir, 'never'), { quietMode: true })), EleventyInternalsError);
  });
});
