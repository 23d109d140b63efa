import type { Element, Root } from 'hast';
import { eachElement } from './each-element.ts';
import type { VFile } from 'vfile';
import { describeUnsafeUrl, isSafeUrl, type UrlUse } from '../urls.ts';
import { reportAt } from './file-data.ts';

/** hast properties holding one URL, with what the browser does with it. */
const URL_PROPERTIES: Readonly<Record<string, UrlUse>> = {
  href: 'link',
  xLinkHref: 'link',
  action: 'link',
  formAction: 'link',
  cite: 'link',
  data: 'link',
  codeBase: 'link',
  manifest: 'link',
  background: 'image',
  poster: 'image',
  lowsrc: 'image',
  dynsrc: 'image',
};
/** `src` fetches an image on these; on `iframe`, `embed`, `script` it loads a document or code. */
const IMAGE_SOURCES = new Set(['img', 'source', 'input', 'video', 'audio', 'track', 'picture', 'image']);
/** SVG animation can set an `href` to a value of its own (`<set attributeName="href" to="javascript:…">`). */
const ANIMATION_ELEMENTS = new Set(['animate', 'set', 'animateMotion', 'animateTransform']);

/**
 * Applies the one URL policy (`isSafeUrl` in src/urls.ts) to raw HTML in posts, after rehype-raw:
 * every URL attribute (`href`, `src`, `srcset`, SVG `xlink:href`, `action`, `ping`, …) that is not
 * http, https, mailto, relative or a fragment is removed and reported at its place, so the
 * element shows as text. `<iframe srcdoc>` holds a whole document no policy can judge: it goes too.
 */
export default function rehypeSafeUrls() {
  return function transformer(tree: Root, file: VFile): void {
    const report = (node: Element, attribute: string, url: string): void =>
      reportAt(file, node, {
        ruleId: 'unsafe-url',
        message:
          attribute === 'srcdoc'
            ? `\`<${node.tagName} srcdoc>\` is removed: an inline document can run script. Link to a page with \`src\` instead.`
            : `\`<${node.tagName} ${attribute}>\` with ${describeUnsafeUrl(url)} is removed, so it shows as text: only http, https, mailto, ` +
              'relative and #fragment URLs are kept (images may also be data:image/png, jpeg, gif or webp).',
      });

    eachElement(tree, (node) => {
      const properties = node.properties;
      for (const [name, value] of Object.entries(properties)) {
        const use = name === 'src' ? (IMAGE_SOURCES.has(node.tagName) ? 'image' : 'link') : URL_PROPERTIES[name];
        if (use !== undefined && typeof value === 'string' && !isSafeUrl(value, use)) {
          report(node, attributeName(name), value);
          delete properties[name];
        }
      }
      for (const name of ['srcSet', 'ping', 'imageSrcSet'] as const) {
        const candidates = listOf(properties[name]);
        if (candidates === null) continue;
        // A candidate is `url descriptor` (`a.png 2x`); only the unsafe ones go.
        const kept = candidates.filter((candidate) => {
          const url = candidate.trim().split(/\s+/u)[0] ?? '';
          if (isSafeUrl(url, name === 'ping' ? 'link' : 'image')) return true;
          report(node, attributeName(name), url);
          return false;
        });
        if (kept.length === 0) delete properties[name];
        else if (kept.length < candidates.length) (properties as Record<string, unknown>)[name] = kept;
      }
      if ('srcDoc' in properties) {
        report(node, 'srcdoc', '');
        delete properties.srcDoc;
      }
      if (ANIMATION_ELEMENTS.has(node.tagName) && /href$/iu.test(String(properties.attributeName ?? ''))) {
        for (const name of ['to', 'from', 'values', 'by'] as const) {
          const value = properties[name];
          const bad = typeof value === 'string' ? value.split(';').find((url) => !isSafeUrl(url.trim())) : undefined;
          if (bad !== undefined) {
            report(node, name, bad);
            delete properties[name];
          }
        }
      }
    });
  };
}

/** A `srcset` (comma-separated) or `ping` (space-separated) value as hast holds it: a list. */
function listOf(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(',') : null;
}

function attributeName(property: string): string {
  return property === 'xLinkHref' ? 'xlink:href' : property.toLowerCase();
}
