import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { shippedEleventyConfig } from '../compiled.ts';

/**
 * What a particular run overrides. The CLI hands them to `.eleventy.ts` inside its BuildContext;
 * when Eleventy's own command runs (`tsx node_modules/@11ty/eleventy/cmd.cjs`), they are read from
 * `WEEKLOG_*` variables the caller set. weeklog itself never writes the environment.
 */
export interface RuntimeOptions {
  /** Project folder holding `weeklog.config.yml`, `content/`, `public/` and optionally its own theme (default: cwd). */
  projectDir: string;
  /** Settings file, relative to projectDir (WEEKLOG_CONFIG). */
  configFile?: string;
  /** Content folder override (WEEKLOG_CONTENT). */
  contentDir?: string;
  /** Output folder override (WEEKLOG_OUTPUT). */
  outputDir?: string;
  /** Site URL override (WEEKLOG_BASE_URL). */
  baseUrl?: string;
  /** `serve` shows drafts (WEEKLOG_MODE). */
  mode: 'build' | 'serve';
}

export const RUNTIME_ENV = {
  projectDir: 'WEEKLOG_PROJECT',
  configFile: 'WEEKLOG_CONFIG',
  contentDir: 'WEEKLOG_CONTENT',
  outputDir: 'WEEKLOG_OUTPUT',
  baseUrl: 'WEEKLOG_BASE_URL',
  mode: 'WEEKLOG_MODE',
} as const;

export function readRuntimeOptions(env: NodeJS.ProcessEnv = process.env): RuntimeOptions {
  return {
    projectDir: path.resolve(env[RUNTIME_ENV.projectDir] || process.cwd()),
    configFile: env[RUNTIME_ENV.configFile] || undefined,
    contentDir: env[RUNTIME_ENV.contentDir] || undefined,
    outputDir: env[RUNTIME_ENV.outputDir] || undefined,
    baseUrl: env[RUNTIME_ENV.baseUrl] || undefined,
    mode: env[RUNTIME_ENV.mode] === 'serve' ? 'serve' : 'build',
  };
}

/** weeklog's own folder: its `.eleventy.ts`, `templates/` and `public/` are the default theme. */
export const packageDir = path.resolve(fileURLToPath(import.meta.url), '../../..');

/** Where a project's site is laid out from: its own files where it has them, weeklog's otherwise. */
export interface Theme {
  /** Eleventy config: `<project>/.eleventy.ts`, else weeklog's (compiled to `dist/eleventy.config.js` when weeklog runs compiled). */
  configFile: string;
  /** Layouts and pages: `<project>/templates/`, else weeklog's. */
  templatesDir: string;
  /**
   * True when the project brings templates of its own (its `templates/`, or its `.eleventy.ts`, which
   * may add templates from anywhere): they may read any field of a post and show a term's posts
   * beyond a page's own items. weeklog's own read only what its build keeps and lists.
   */
  projectTemplates: boolean;
  /** Theme assets (css, js, favicon), copied to the site root before the project's public folder: weeklog's `public/`. */
  publicDir: string;
}

export function resolveTheme(projectDir: string): Theme {
  const own = (name: string) => {
    const file = path.resolve(projectDir, name);
    return existsSync(file) ? file : path.join(packageDir, name);
  };
  // weeklog's own folder as the project (`npm start`) uses the shipped config, compiled when weeklog runs compiled.
  const projectConfig = path.resolve(projectDir, '.eleventy.ts');
  const ownConfig = existsSync(projectConfig) && realpathSync(projectConfig) !== realpathSync(path.join(packageDir, '.eleventy.ts'));
  const templatesDir = own('templates');
  return {
    configFile: ownConfig ? projectConfig : shippedEleventyConfig,
    templatesDir,
    projectTemplates: ownConfig || templatesDir !== path.join(packageDir, 'templates'),
    publicDir: path.join(packageDir, 'public'),
  };
}
