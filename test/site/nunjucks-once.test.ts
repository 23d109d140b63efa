import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type UserConfig from '@11ty/eleventy/UserConfig';
import nunjucksOnce from '../../src/eleventy/nunjucks-once.ts';

/** Eleventy's own copy of Nunjucks (it ships no types). */
interface Environment {
  renderString(source: string, data: object): string;
}
interface Nunjucks {
  Environment: new (loader: object | null, options: object) => Environment;
  Template: unknown;
  lib: unknown;
}
const nunjucks = createRequire(import.meta.url)('nunjucks') as Nunjucks;

type Render = (data: object) => Promise<string>;
interface Extension {
  compile(source: string, inputPath: string): Render;
  compileOptions: { permalink(permalink: unknown, inputPath: string): unknown };
}

/** The plugin as Eleventy runs it, on an environment set up as Eleventy's (autoescape on). */
function setup() {
  let extension: Extension | undefined;
  let announce: ((event: object) => void) | undefined;
  const config = {
    on: (event: string, listener: (event: object) => void) => void (event === 'eleventy.engine.njk' && (announce = listener)),
    addExtension: (_name: string, made: Extension) => void (extension = made),
  };
  nunjucksOnce(config as unknown as UserConfig);
  const environment = new nunjucks.Environment(null, { autoescape: true, trimBlocks: true, lstripBlocks: true });
  announce!({ nunjucks, environment });
  return { environment, extension: extension! };
}

test('nunjucksOnce', async (t) => {
  const { environment, extension } = setup();
  const permalinkOf = (source: string) => extension.compileOptions.permalink(source, 'templates/term.njk') as Render;

  await t.test('should write a permalink read straight from the data as Nunjucks renders it, escaped unless `| safe`', async () => {
    const pages = [
      { listing: { url: '/tags/c&c "x"/' } },
      { listing: { url: "/tags/it's <b>/" }, entry: { post: { url: '/a&b/' } } },
      { listing: { url: '/tags/服务网格/' } },
      { listing: { url: 42 } },
      { listing: null },
      {},
      { listing: { url: { toString: () => '/object/' } } },
    ];
    for (const source of ['{{ listing.url }}', '{{listing.url}}', '{{ listing.url | safe }}', '{{ entry.post.url | safe }}', '/fixed/{{ listing.url }}', '{{ listing.url | default("/none/") }}']) {
      const permalink = permalinkOf(source);
      for (const data of pages) assert.equal(await permalink(data), environment.renderString(source, data), `${source} with ${JSON.stringify(data)}`);
    }
  });

  await t.test('should make each permalink function once, and render the template of a page once compiled', async () => {
    assert.equal(permalinkOf('{{ listing.url }}'), permalinkOf('{{ listing.url }}'));
    const render = extension.compile('<p>{{ x }}</p>', 'templates/a.njk');
    assert.equal(render, extension.compile('<p>{{ x }}</p>', 'templates/a.njk'));
    assert.equal(await render({ x: '<&>' }), '<p>&lt;&amp;&gt;</p>');
  });
});
