import path from 'node:path';
import type UserConfig from '@11ty/eleventy/UserConfig';
import type { Settings } from '../config/settings.ts';

/** `public/` is the site root: css, js, images, favicon. */
export default function staticFiles(eleventyConfig: UserConfig, options: { settings: Settings; projectDir: string }): void {
  const publicDir = path.relative(process.cwd(), path.resolve(options.projectDir, options.settings.publicDir)) || '.';
  eleventyConfig.addPassthroughCopy({ [publicDir]: '/' });
  // The dev server can serve public/ from its source folder instead of copying it on every
  // change, but it refuses ("Invalid path") folders outside the working directory.
  const insideCwd = !path.relative(process.cwd(), path.resolve(options.projectDir)).startsWith('..');
  eleventyConfig.setServerPassthroughCopyBehavior(insideCwd ? 'passthrough' : 'copy');
}
