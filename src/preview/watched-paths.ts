import path from 'node:path';
import type { BuildContext } from '../build/context.ts';
import { packageDir } from '../config/runtime.ts';
import { SETTINGS_FILE } from '../config/settings.ts';

/** What `serve` watches (watch.ts `Options`). */
export interface WatchedPaths {
  folders: string[];
  files: string[];
  ignore: string[];
}

/**
 * Folders and files whose changes matter, resolved against the project (never the working
 * directory); `configFile` as given on the command line, `previewDir` the preview's own folder.
 */
export function watchedPaths(context: BuildContext, configFile: string | undefined, previewDir: string): WatchedPaths {
  const { settings, theme } = context;
  const projectDir = context.paths.projectDir;
  const folders = [context.paths.contentDir, path.resolve(projectDir, settings.publicDir), theme.templatesDir];
  // Working on weeklog itself: its theme's css and js are part of the preview too.
  if (theme.publicDir.startsWith(projectDir + path.sep) || path.dirname(theme.publicDir) === packageDir) folders.push(theme.publicDir);
  const files = [path.resolve(projectDir, configFile ?? SETTINGS_FILE), path.join(projectDir, '.eleventy.ts')];
  if (settings.tagVocabulary) files.push(path.resolve(projectDir, settings.tagVocabulary));
  const ignore = [previewDir, path.join(projectDir, '.git'), path.join(projectDir, 'node_modules')];
  return { folders, files, ignore };
}
