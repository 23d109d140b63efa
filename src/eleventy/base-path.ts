/**
 * A site whose URL has a path (`https://example.com/blog/`) lives under that path: every
 * root-relative URL a page holds must start with it. Inside weeklog URLs stay root-relative
 * (`/tags/x/`, and so does post HTML: feeds, search and links.json resolve it against the site
 * URL themselves); the path is put in front where a page is written out, by the templates' `url`
 * filter and, for post HTML, by `prefixRootUrls` below. Eleventy's HtmlBasePlugin did this by
 * parsing and re-serializing every written page, which cost ~40% of a sub-path build.
 */

/** The site URL's path without its last `/` (`/blog`), as encoded in the URL; `''` for a site at the host's root. */
export function basePathOf(siteUrl: string): string {
  return new URL(siteUrl).pathname.replace(/\/+$/u, '');
}

/** `/x` under `basePath`; relative, protocol-relative (`//host`) and absolute URLs are returned as they are. */
export function prefixRootUrl(url: string, basePath: string): string {
  return isRootRelative(url) ? basePath + url : url;
}

function isRootRelative(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//');
}

/**
 * Attributes that hold URLs, per element: the list HtmlBasePlugin used (posthtml-urls), so a
 * post's raw HTML is prefixed where it was before. `srcset` and `ping` hold several.
 */
const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'ping'],
  area: ['href', 'ping'],
  audio: ['src'],
  base: ['href'],
  blockquote: ['cite'],
  button: ['formaction'],
  del: ['cite'],
  embed: ['src'],
  form: ['action'],
  iframe: ['src'],
  img: ['src', 'srcset'],
  input: ['formaction', 'src'],
  ins: ['cite'],
  link: ['href'],
  object: ['data'],
  q: ['cite'],
  script: ['src'],
  source: ['src', 'srcset'],
  track: ['src'],
  video: ['poster', 'src'],
};

/**
 * Comments are skipped whole, start tags are read attribute by attribute (a `>` inside a quoted
 * value does not end them). The HTML is the Markdown renderer's serialized output: every value is
 * double-quoted and every `<` in text is written `&#x3C;`, so code shown in a post never matches.
 */
const TAG_OR_COMMENT = /<!--[\s\S]*?-->|<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*\/?>/gu;
const ATTRIBUTE = /(\s([^\s"'>/=]+)=")([^"]*)"/gu;
/** Elements whose text the serializer writes raw: a `<` in them is not a tag. */
const RAW_TEXT = new Set(['script', 'style']);

/**
 * Post HTML with every root-relative URL attribute under `basePath` (`href="/about/"` →
 * `href="/blog/about/"`). Relative URLs (`img/a.png`, `#id`, `../b/`) already resolve under the
 * page and are left as written; so are URLs shown as code.
 */
export function prefixRootUrls(html: string, basePath: string): string {
  // Most posts link nothing root-relative: no value then starts with `/`.
  if (basePath === '' || !/="\s*\//u.test(html)) return html;
  let out = '';
  let copied = 0;
  TAG_OR_COMMENT.lastIndex = 0;
  for (let match = TAG_OR_COMMENT.exec(html); match !== null; match = TAG_OR_COMMENT.exec(html)) {
    const tagName = match[1]?.toLowerCase();
    if (tagName === undefined) continue;
    const names = URL_ATTRIBUTES[tagName];
    if (names !== undefined && match[2]) {
      const attributes = match[2].replace(ATTRIBUTE, (whole, start: string, name: string, value: string) => {
        const lower = name.toLowerCase();
        if (!names.includes(lower)) return whole;
        const prefixed = lower === 'srcset' ? prefixSrcset(value, basePath) : lower === 'ping' ? prefixList(value, basePath) : prefixOne(value, basePath);
        return prefixed === value ? whole : `${start}${prefixed}"`;
      });
      if (attributes !== match[2]) {
        const at = match.index + 1 + match[1]!.length;
        out += html.slice(copied, at) + attributes;
        copied = at + match[2].length;
      }
    }
    if (RAW_TEXT.has(tagName)) {
      const end = new RegExp(`</${tagName}`, 'giu');
      end.lastIndex = TAG_OR_COMMENT.lastIndex;
      TAG_OR_COMMENT.lastIndex = end.exec(html)?.index ?? html.length;
    }
  }
  return copied === 0 ? html : out + html.slice(copied);
}

/** Browsers drop the spaces around a URL; a prefixed one is written without them. */
function prefixOne(value: string, basePath: string): string {
  const url = value.trim();
  return isRootRelative(url) ? basePath + url : value;
}

/** `ping`: URLs separated by spaces. */
function prefixList(value: string, basePath: string): string {
  return value.replace(/\S+/gu, (url) => prefixRootUrl(url, basePath));
}

/** `srcset`: `url descriptor` candidates separated by commas; only the URLs change. */
function prefixSrcset(value: string, basePath: string): string {
  // A candidate's URL is its first run of non-space characters; a trailing comma ends the candidate.
  return value.replace(/(^|,)(\s*)([^\s,][^\s]*?)(,*)(?=\s|$)/gu, (whole, comma: string, space: string, url: string, commas: string) =>
    isRootRelative(url) ? comma + space + basePath + url + commas : whole,
  );
}
