import type UserConfig from '@11ty/eleventy/UserConfig';
import { EleventyInternalsError } from './eleventy-internals.ts';

/** The parts of Nunjucks' environment and template this plugin uses (the package ships no types). */
interface NunjucksTemplate {
  render(data: object): string | null;
}
interface NunjucksEnvironment {
  getTemplate(name: string, eagerCompile: boolean, parentName: string | null, ignoreMissing: boolean): NunjucksTemplate;
}
/** What a filter's `this` is in Nunjucks: the render context. */
interface FilterContext {
  env?: NunjucksEnvironment;
  ctx?: Record<string, unknown>;
}

/**
 * `{{ post | fragment('post-summary.njk', 'post') | safe }}`: the include `post-summary.njk`
 * rendered for `post`, once per build. The same post's summary is on the home listing, its
 * category's pages and each of its tags' pages, and a link's item is on `/links/`, its section's
 * and each of its tags' listings: rendered again on each, they were ~12 000 summaries and ~30 000
 * link items at 1000 posts, most of the listing pages' time. The cached render is the include's own
 * output, through the same environment, filters and autoescaping; a fragment sees only the item
 * (under `name`), `site` and `t`, the same on every page, which is what makes it shareable.
 *
 * The cache lasts one build (`eleventy.before` empties it) and is keyed by the compiled template,
 * so an edited include in `serve` is rendered afresh.
 */
export default function fragments(eleventyConfig: UserConfig): void {
  let rendered = new WeakMap<NunjucksTemplate, WeakMap<object, string>>();
  eleventyConfig.on('eleventy.before', () => {
    rendered = new WeakMap();
  });
  eleventyConfig.addFilter('fragment', function (this: FilterContext, item: unknown, include: string, name: string): string {
    const env = this.env;
    const ctx = this.ctx;
    if (!env || !ctx) throw new EleventyInternalsError('The `fragment` filter was called outside a Nunjucks render: it needs the environment to render an include.');
    const template = env.getTemplate(include, false, null, false);
    const data = { site: ctx.site, t: ctx.t, [name]: item };
    if (typeof item !== 'object' || item === null) return template.render(data) ?? '';
    let byItem = rendered.get(template);
    if (!byItem) rendered.set(template, (byItem = new WeakMap()));
    let html = byItem.get(item);
    if (html === undefined) {
      html = flattened(template.render(data) ?? '');
      byItem.set(item, html);
    }
    return html;
  });
}

/**
 * `text` as one flat string. Nunjucks builds its output by `+=`, which V8 keeps as a tree of
 * concatenations (32 bytes a piece, the pieces themselves besides); kept for the whole build, the
 * fragments of 4000 posts were ~900 000 such pieces (~30 MB). Reading a character makes V8 copy the
 * tree into one string, in place, and the pieces become garbage.
 */
function flattened(text: string): string {
  text.charCodeAt(0);
  return text;
}
