import { statSync } from 'node:fs';
import path from 'node:path';
import type UserConfig from '@11ty/eleventy/UserConfig';
import type { Settings } from '../config/settings.ts';
import { ProjectPaths } from '../content/project-paths.ts';

export interface Options {
  settings: Settings;
  projectDir: string;
  /** The theme's css, js and favicon; the same folder as the project's public folder when weeklog builds its own site. */
  themePublicDir: string;
}

/** The theme's assets and the project's public folder (images, overrides) make up the site root. */
export default function staticFiles(eleventyConfig: UserConfig, options: Options): void {
  const projectPublic = path.resolve(options.projectDir, options.settings.publicDir);
  const themePublic = path.resolve(options.themePublicDir);
  const fromCwd = (dir: string) => path.relative(process.cwd(), dir) || '.';
  const separateTheme = themePublic !== projectPublic;
  if (separateTheme) {
    // Eleventy stops when two sources write one output file, so a project file
    // (its own css/site.css) replaces the theme's by leaving the theme's out.
    const overridden = (relative: string) => statSync(path.join(projectPublic, relative), { throwIfNoEntry: false })?.isFile() ?? false;
    eleventyConfig.addPassthroughCopy({ [fromCwd(themePublic)]: '/' }, { filter: (relative: string) => !overridden(relative) });
  }
  // A symlink leading outside the project is left out (load-site reports it); the copy
  // keeps links as links, so a copied one would publish whatever it points at.
  const paths = new ProjectPaths({ projectDir: options.projectDir, contentDir: path.resolve(options.projectDir, options.settings.contentDir), publicDir: projectPublic });
  const leaving = paths.linksLeaving(projectPublic).length > 0;
  eleventyConfig.addPassthroughCopy({ [fromCwd(projectPublic)]: '/' }, { filter: (relative: string) => !paths.isLinkLeaving(path.join(projectPublic, relative)) });
  // The dev server can serve public/ from its source folder instead of copying it on every
  // change, but it refuses ("Invalid path") folders outside the working directory, and
  // maps each folder to `/` by itself, so two folders would hide one another. Serving from
  // the source would also follow a link leaving the project.
  const insideCwd = !fromCwd(projectPublic).startsWith('..');
  eleventyConfig.setServerPassthroughCopyBehavior(insideCwd && !separateTheme && !leaving ? 'passthrough' : 'copy');
}
