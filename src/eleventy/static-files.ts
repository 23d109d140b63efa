import path from 'node:path';
import type UserConfig from '@11ty/eleventy/UserConfig';
import type { Settings } from '../config/settings.ts';

/** `public/` is the site root: css, js, images, favicon. */
export default function staticFiles(eleventyConfig: UserConfig, options: { settings: Settings; projectDir: string }): void {
  const publicDir = path.relative(process.cwd(), path.resolve(options.projectDir, options.settings.publicDir)) || '.';
  eleventyConfig.addPassthroughCopy({ [publicDir]: '/' });
  // The dev server serves passthrough files from the source folder instead of copying them on every change.
  eleventyConfig.setServerPassthroughCopyBehavior('passthrough');
}
