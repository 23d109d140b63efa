import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parseFeed } from '@rowanmanning/feed-parser';
import { SaxesParser } from 'saxes';

/**
 * Three independent readers of every feed: @rowanmanning/feed-parser (lenient,
 * like feedparser and most readers), saxes (a strict, namespace-aware XML 1.0
 * parser, as strict as Go's encoding/xml that gofeed uses) and Ajv against the
 * JSON Feed 1.1 schema.
 */

/** Throws on anything XML 1.0 with namespaces forbids; returns the element names seen. */
export function parseStrictXml(text: string, where: string): { elements: string[]; texts: string[]; attributes: string[] } {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const seen = { elements: [] as string[], texts: [] as string[], attributes: [] as string[] };
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (node) => {
    seen.elements.push(node.name);
    for (const attribute of Object.values(node.attributes)) seen.attributes.push(typeof attribute === 'string' ? attribute : attribute.value);
  });
  parser.on('text', (text) => seen.texts.push(text));
  parser.on('cdata', (text) => seen.texts.push(text));
  parser.write(text).close();
  if (failure) assert.fail(`${where}: ${(failure as Error).message}`);
  return seen;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const validate = ajv.compile(JSON.parse(readFileSync(new URL('./json-feed-1.1.schema.json', import.meta.url), 'utf8')));

export function assertJsonFeed(text: string, where: string): Record<string, unknown> & { items: Record<string, unknown>[] } {
  const feed = JSON.parse(text) as Record<string, unknown> & { items: Record<string, unknown>[] };
  assert.ok(validate(feed), `${where}: ${ajv.errorsText(validate.errors)}`);
  return feed;
}

export { parseFeed };
