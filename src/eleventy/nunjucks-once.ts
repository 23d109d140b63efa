import type UserConfig from '@11ty/eleventy/UserConfig';

/** The parts of the `nunjucks` package this plugin uses (it ships no types). */
interface NunjucksTemplate {
  render(data: object, callback: (error: Error | null, result: string) => void): void;
  /** Synchronous: the output, or null when a part of the template (an async filter) did not finish in the call. */
  render(data: object): string | null;
}
interface NunjucksLibrary {
  Template: new (source: string, environment: object, path: string | null, eagerCompile: boolean) => NunjucksTemplate;
  lib: { escape(text: string): string };
}
interface NunjucksEnvironment {
  opts: { autoescape?: boolean };
}
type Render = (data: object) => Promise<string>;

/**
 * Compiles each Nunjucks template once per build. Eleventy 3.1 marks Nunjucks as not cacheable
 * and makes a new `nunjucks.Template` for every page it renders, so a paginated template such
 * as post.njk was compiled again for each of its thousands of pages (5 s of a 1000-post build).
 * Templates are still compiled by Eleventy's own Nunjucks environment, with its loaders,
 * filters and options, exactly as Eleventy compiles them; only the compiled result is kept.
 */
export default function nunjucksOnce(eleventyConfig: UserConfig): void {
  let nunjucks: NunjucksLibrary | undefined;
  let environment: NunjucksEnvironment | undefined;
  // Eleventy announces the environment it made (and set up) when its Nunjucks engine starts.
  eleventyConfig.on('eleventy.engine.njk', (event: { nunjucks: NunjucksLibrary; environment: NunjucksEnvironment }) => {
    nunjucks = event.nunjucks;
    environment = event.environment;
  });
  // Keyed by file and source: one config instance per build, so an edited template is a new key.
  const compiled = new Map<string, Render>();
  const compile = (source: string, inputPath: string): Render => {
    const key = `${inputPath}\0${source}`;
    let render = compiled.get(key);
    if (!render) {
      if (!nunjucks || !environment) throw new Error('Eleventy compiled a Nunjucks template before starting its Nunjucks engine.');
      // As Eleventy's own Nunjucks engine does: the file path names the template in errors and resolves relative includes.
      const template = new nunjucks.Template(source, environment, inputPath === 'njk' || inputPath === 'md' ? null : inputPath, false);
      // Rendered in the call: with a callback Nunjucks hands each page's result on through
      // `asap`, a queued task per page. A template that needs that (an async filter from a
      // project's plugin) gives null synchronously and is rendered again with a callback.
      render = (data) => {
        try {
          const html = template.render(data);
          if (html !== null) return Promise.resolve(html);
        } catch (error) {
          return Promise.reject(error);
        }
        return new Promise((resolve, reject) => template.render(data, (error, result) => (error ? reject(error) : resolve(result))));
      };
      compiled.set(key, render);
    }
    return render;
  };

  // A paginated template's permalink is one value of the page's data (`{{ listing.url }}`): read
  // directly, it is what Nunjucks writes (escaped unless `| safe`), without a render of every
  // page's whole data a second time. Anything else, or a value that is not a string, goes
  // through Nunjucks. Eleventy asks for each page's permalink function anew: made once per template.
  const permalinks = new Map<string, Render>();
  const compilePermalink = (source: string, inputPath: string): Render => {
    const key = `${inputPath}\0${source}`;
    let made = permalinks.get(key);
    if (!made) permalinks.set(key, (made = readPermalink(source, inputPath)));
    return made;
  };
  const readPermalink = (source: string, inputPath: string): Render => {
    const render = compile(source, inputPath);
    const match = /^\{\{\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(\|\s*safe\s*)?\}\}$/u.exec(source);
    if (!match) return render;
    const keys = match[1]!.split('.');
    const escaped = !match[2];
    return (data) => {
      let value: unknown = data;
      for (const key of keys) value = value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key];
      if (typeof value !== 'string') return render(data);
      return Promise.resolve(escaped && environment?.opts.autoescape ? nunjucks!.lib.escape(value) : value);
    };
  };

  eleventyConfig.addExtension('njk', {
    compile: (source: string, inputPath: string) => compile(source, inputPath),
    compileOptions: {
      // Kept here, per build, rather than in Eleventy's process-wide compile cache.
      cache: false,
      // A permalink string is a template too (`{{ entry.post.url }}`); one set in JavaScript data is a function already.
      permalink: (permalink: unknown, inputPath: string) => (typeof permalink === 'string' ? compilePermalink(permalink, inputPath) : permalink),
    },
  });
}
