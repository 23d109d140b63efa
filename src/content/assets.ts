import { statSync } from 'node:fs';
import path from 'node:path';
import { packageDir } from '../config/runtime.ts';
import type { AssetRef } from '../markdown/types.ts';
import { isGeneratedFile } from '../site/generated-paths.ts';
import { displayPath, type ProblemList } from '../problems.ts';
import type { ProjectPaths } from './project-paths.ts';

export interface AssetContext {
  /** Absolute path of the post's source file. */
  sourceFile: string;
  /** The post's file as shown in problems (`content/posts/a.md`). */
  file: string;
  /** The post's URL (`/2016/12/05/a/` or `/a.html`). */
  postUrl: string;
  projectDir: string;
  /** Absolute content folder: Hexo's `source/` keeps `/images/x.jpg` there, not in public/. */
  contentDir: string;
  /** Public folder relative to the project (settings.publicDir). */
  publicDir: string;
  /** What may be read: every referenced file is resolved through it, symlinks followed and checked. */
  paths: ProjectPaths;
}

const imageExtension = /\.(png|jpe?g|gif|svg|webp|avif|bmp|ico)$/i;

/**
 * Finds the files a post links to. A relative file, next to the post or in its
 * asset folder, is copied so that the link still resolves from the post's URL;
 * a root file (`/images/a.png`) must be in public/ (copied to the root anyway)
 * or in the content folder (then copied).
 * A missing file is a warning at the reference; the build goes on.
 */
export function resolveAssets(refs: readonly AssetRef[], context: AssetContext, problems: ProblemList): { source: string; output: string }[] {
  const files: { source: string; output: string }[] = [];
  const seen = new Set<string>();
  const add = (source: string, output: string): void => {
    if (seen.has(output)) return;
    seen.add(output);
    files.push({ source, output });
  };
  const outside = (ref: AssetRef, what: string, target: string): void =>
    problems.error(
      context.file,
      ref.line,
      ref.column,
      'outside-project',
      `${what} \`${ref.url}\` leads outside the project (to ${target}), and weeklog publishes only files inside it. ` +
        `Copy the file into ${displayPath(context.projectDir, context.contentDir) || '.'}/ or ${context.publicDir}/ and link that copy.`,
    );
  for (const ref of refs) {
    const what = imageExtension.test(ref.url) ? 'Image' : 'File';
    if (ref.kind === 'relative') {
      const assetFolder = assetFolderOf(context.sourceFile);
      const candidates = [path.resolve(path.dirname(context.sourceFile), ref.url), path.resolve(assetFolder, ref.url)];
      const resolved = candidates.map((candidate) => context.paths.resolveFile(candidate));
      const found = resolved.find((r) => r.kind === 'inside');
      const escaping = resolved.find((r) => r.kind === 'outside');
      if (found) {
        // Either way the file lands where the link resolves from the post's URL, which is also where Hexo puts post assets.
        add(found.path, outputPathFor(ref.url, context.postUrl));
      } else if (escaping) {
        outside(ref, what, escaping.path);
      } else if (context.paths.resolveFile(path.join(context.projectDir, context.publicDir, outputPathFor(ref.url, context.postUrl))).kind === 'inside') {
        // Already in public/ where the link resolves from the post's URL (a Hexo page's image, imported beside it).
        continue;
      } else {
        // Naming the asset folder only matters to posts that have one; the others keep the short message.
        const lookedIn = isDirectory(assetFolder) ? candidates : candidates.slice(0, 1);
        problems.warn(
          context.file,
          ref.line,
          ref.column,
          'missing-asset',
          `${what} \`${ref.url}\` not found (looked in ${lookedIn.map((c) => displayPath(context.projectDir, c)).join(' and ')}). Fix the path or add the file.`,
        );
      }
      continue;
    }
    // As a browser reads it: `/../x` is `/x`, so a root URL cannot climb out of the folder it is looked up in.
    const urlPath = path.posix.normalize(`/${ref.url}`);
    const inPublic = path.join(context.projectDir, context.publicDir, urlPath);
    const publicFile = context.paths.resolveFile(inPublic);
    if (publicFile.kind === 'inside') continue;
    const contentFile = publicFile.kind === 'outside' ? publicFile : context.paths.resolveFile(path.join(context.contentDir, urlPath));
    if (contentFile.kind === 'inside') {
      add(contentFile.path, urlPath);
      continue;
    }
    if (contentFile.kind === 'outside') {
      outside(ref, what, contentFile.path);
      continue;
    }
    if (isGeneratedFile(urlPath) || isThemeFile(urlPath)) continue;
    problems.warn(
      context.file,
      ref.line,
      ref.column,
      'missing-asset',
      `${what} \`${ref.url}\` not found (looked in ${displayPath(context.projectDir, inPublic)}). Fix the path or add the file to ${context.publicDir}/.`,
    );
  }
  return files;
}

/**
 * The post's own asset folder: its path without the extension (`_posts/a.md` → `_posts/a/`).
 * Hexo's `post_asset_folder: true` keeps a post's images there and links them by bare
 * name (`![](diagram.png)`), so two posts can each have their own `diagram.png`.
 */
function assetFolderOf(sourceFile: string): string {
  return sourceFile.slice(0, sourceFile.length - path.extname(sourceFile).length);
}

/** Where `ref` lands when resolved against `postUrl`, root-relative and unencoded. */
export function outputPathFor(ref: string, postUrl: string): string {
  const base = postUrl.endsWith('/') ? postUrl : path.posix.dirname(postUrl);
  return path.posix.normalize(path.posix.join('/', base, ref));
}

/** The theme's own files (`/css/site.css`) are copied to every site, as public/'s are. */
function isThemeFile(urlPath: string): boolean {
  return statSync(path.join(packageDir, 'public', urlPath), { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

