import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WeeklogError } from '../errors.ts';

/** The client entry, bundled with the tokenizer it imports. */
const CLIENT_ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));

/** The search client could not be bundled (a broken checkout or esbuild install). */
export class SearchClientBuildError extends WeeklogError {}

let bundled: Promise<string> | undefined;

/** Bundles and minifies the browser client once per process. */
export function bundleSearchClient(): Promise<string> {
  bundled ??= bundleEntry(CLIENT_ENTRY).catch((cause: unknown) => {
    bundled = undefined;
    throw new SearchClientBuildError(
      `Could not bundle the search client ${CLIENT_ENTRY}. Check that esbuild is installed (npm ci).`,
      { cause },
    );
  });
  return bundled;
}

/** Bundles one entry to a minified browser script (IIFE, no imports left). */
export async function bundleEntry(entry: string, globalName?: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName,
    target: 'es2020',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return result.outputFiles[0].text;
}
