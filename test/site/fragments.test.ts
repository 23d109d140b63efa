import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type UserConfig from '@11ty/eleventy/UserConfig';
import fragments from '../../src/eleventy/fragments.ts';

/** The parts of the `nunjucks` package (Eleventy's own copy, which ships no types) this test uses. */
interface Environment {
  addFilter(name: string, filter: (...args: unknown[]) => unknown): void;
  renderString(source: string, data: object): string;
  loaders: { cache: Record<string, unknown> }[];
}
interface Nunjucks {
  Environment: new (loader: object, options: object) => Environment;
  Loader: { extend(methods: object): new () => object };
}
const nunjucks = createRequire(import.meta.url)('nunjucks') as Nunjucks;

/** A Nunjucks environment set up as Eleventy's (autoescape, trimBlocks, lstripBlocks) over `files`, with the plugin's filter. */
function setup(files: Record<string, string>) {
  const Loader = nunjucks.Loader.extend({ getSource: (name: string) => (name in files ? { src: files[name], path: name, noCache: false } : null) });
  const env = new nunjucks.Environment(new Loader(), { autoescape: true, trimBlocks: true, lstripBlocks: true, throwOnUndefined: false });
  const before: (() => void)[] = [];
  const config = {
    addFilter: (name: string, filter: (...args: unknown[]) => unknown) => env.addFilter(name, filter),
    on: (event: string, listener: () => void) => void (event === 'eleventy.before' && before.push(listener)),
  };
  fragments(config as unknown as UserConfig);
  return { env, newBuild: () => before.forEach((listener) => listener()) };
}

const item = `{# one item #}
  <li class="item">
    {% if post.draft %}<b>draft</b>{% endif %}<a href="/p/{{ post.slug }}/">{{ post.title }}</a> {{ t.by }} {{ site.author }}
    {% for tag in post.tags %} <span>#{{ tag }}</span>{% endfor %}
  </li>
`;
const posts = [
  { slug: 'a', title: 'A <b> & "quotes"', tags: ['x', 'y'], draft: true },
  { slug: 'b', title: '微服务', tags: [], draft: false },
];
const data = { posts, site: { author: 'Ann' }, t: { by: 'by' } };

test('fragment', async (t) => {
  await t.test('should write each item as `{% include %}` in the same loop writes it, escaped and with the same whitespace', () => {
    const { env } = setup({ 'item.njk': item });
    const included = env.renderString('<ul>\n  {% for post in posts %}\n  {% include "item.njk" %}\n  {% endfor %}\n</ul>\n', data);
    const fragment = env.renderString("<ul>\n  {% for post in posts %}\n  {{- post | fragment('item.njk', 'post') | safe -}}\n  {% endfor %}\n</ul>\n", data);
    assert.equal(fragment, included);
    assert.match(fragment, /A &lt;b&gt; &amp; &quot;quotes&quot;/u);
  });

  await t.test('should render an item once per build, however many listings show it', () => {
    const { env, newBuild } = setup({ 'item.njk': '{{ post.title | counted }}' });
    let calls = 0;
    env.addFilter('counted', (value: unknown) => {
      calls++;
      return value;
    });
    const listing = "{% for post in posts %}{{ post | fragment('item.njk', 'post') }}{% endfor %}";
    assert.equal(env.renderString(listing, data), env.renderString(listing, data));
    assert.equal(calls, posts.length);
    newBuild();
    env.renderString(listing, data);
    assert.equal(calls, 2 * posts.length);
  });

  await t.test('should render an edited include afresh, not its earlier output', () => {
    const files = { 'item.njk': 'old {{ post.slug }};' };
    const { env } = setup(files);
    const listing = "{% for post in posts %}{{ post | fragment('item.njk', 'post') }}{% endfor %}";
    assert.equal(env.renderString(listing, data), 'old a;old b;');
    // What Eleventy does when a template changes in `serve`: the loader forgets the compiled include.
    files['item.njk'] = 'new {{ post.slug }};';
    for (const loader of env.loaders) delete loader.cache['item.njk'];
    assert.equal(env.renderString(listing, data), 'new a;new b;');
  });

  await t.test('should give an include only the item, `site` and `t`: anything else of the page would differ between listings', () => {
    const { env } = setup({ 'item.njk': '[{{ listing.url }}]{{ post.slug }}' });
    assert.equal(env.renderString("{{ posts[0] | fragment('item.njk', 'post') }}", { ...data, listing: { url: '/tags/x/' } }), '[]a');
  });
});
