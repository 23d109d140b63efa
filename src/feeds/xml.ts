/**
 * Characters XML 1.0 does not allow: C0 controls other than tab, newline and
 * carriage return, lone surrogates, and U+FFFE/U+FFFF. They are removed
 * rather than escaped because XML has no escape for them.
 */
const illegalXmlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

export function stripIllegalXmlChars(text: string): string {
  return text.replace(illegalXmlChars, '');
}

const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text or attribute value, escaped and cleaned for XML. */
export function escapeXml(text: string): string {
  return stripIllegalXmlChars(text).replace(/[&<>"']/gu, (c) => xmlEntities[c]);
}

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Plain text as HTML, for fields that feed readers read as HTML (Atom `type="html"`). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => htmlEntities[c]);
}

export interface XmlElement {
  name: string;
  attributes?: Record<string, string | undefined>;
  children?: (XmlElement | string)[];
}

/** A small indenting XML writer for OPML and sitemaps; every value goes through `escapeXml`. */
export function writeXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${writeElement(root, '')}\n`;
}

function writeElement(element: XmlElement, indent: string): string {
  const attributes = Object.entries(element.attributes ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  const children = element.children ?? [];
  if (children.length === 0) return `${indent}<${element.name}${attributes}/>`;
  if (children.every((child) => typeof child === 'string')) {
    return `${indent}<${element.name}${attributes}>${children.map((c) => escapeXml(c as string)).join('')}</${element.name}>`;
  }
  const inner = children
    .map((child) => (typeof child === 'string' ? `${indent}  ${escapeXml(child)}` : writeElement(child, `${indent}  `)))
    .join('\n');
  return `${indent}<${element.name}${attributes}>\n${inner}\n${indent}</${element.name}>`;
}
