import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDir } from '../config/runtime.ts';

/**
 * Packages whose output reaches a rendered post: the Markdown parser and its extensions, the
 * HTML tree tools, shiki and its grammars and themes. A new version of any of them may render
 * the same text differently, so it must miss the cache.
 */
export const RENDER_DEPENDENCIES = [
  'unified', 'remark-parse', 'remark-gfm', 'remark-rehype', 'rehype-raw', 'rehype-stringify',
  'micromark', 'micromark-extension-gfm', 'mdast-util-from-markdown', 'mdast-util-gfm', 'mdast-util-to-hast',
  'hast-util-raw', 'hast-util-to-html', 'hast-util-to-text', 'hast-util-to-string', 'hast-util-from-html',
  'hast-util-sanitize', 'parse5', 'github-slugger',
  'shiki', '@shikijs/core', '@shikijs/langs', '@shikijs/themes', '@shikijs/types',
  '@shikijs/engine-oniguruma', '@shikijs/engine-javascript', '@shikijs/vscode-textmate',
] as const;

/** What rendered output depends on besides the post and the settings. */
export interface RendererInputs {
  /** weeklog's own version and a hash of its code (a changed plugin renders differently). */
  weeklog: string;
  /** Package name → installed version (`none` when it is not installed). */
  dependencies: Record<string, string>;
}

let computed: RendererInputs | undefined;

/**
 * The renderer's inputs in this installation, read once per process (about 5 ms): weeklog's code
 * is immutable while it runs, and so are its installed packages.
 */
export function rendererInputs(): RendererInputs {
  computed ??= {
    weeklog: `${packageVersion(packageDir)}+${codeHash(path.resolve(fileURLToPath(import.meta.url), '../..'))}`,
    dependencies: Object.fromEntries(RENDER_DEPENDENCIES.map((name) => [name, installedVersion(name)])),
  };
  return computed;
}

/** One string that changes whenever any of `inputs` does. */
export function fingerprintOf(inputs: RendererInputs): string {
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

function packageVersion(dir: string): string {
  try {
    return String((JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/** Every code and data file under weeklog's source (or compiled) folder, in a stable order. */
function codeHash(root: string): string {
  const hash = createHash('sha256');
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:[cm]?[jt]s|json|ya?ml|css)$/u.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The version of `name` as Node would resolve it from weeklog's folder: the nearest node_modules up the tree. */
function installedVersion(name: string): string {
  for (let dir = packageDir; ; dir = path.dirname(dir)) {
    const version = packageVersion(path.join(dir, 'node_modules', name));
    if (version !== 'unknown') return version;
    if (path.dirname(dir) === dir) return 'none';
  }
}
