/**
 * The CLI's view of the build and content modules. They are imported lazily:
 * `weeklog new` should not pay for loading Eleventy and shiki, and the types
 * below are the contracts in docs/architecture.md.
 */
import type { Settings } from '../config/settings.ts';
import type { Post } from '../content/post.ts';
import type { Problem } from '../problems.ts';

export interface BuildSummary {
  pages: number;
  posts: number;
  /** Warnings. */
  problems: Problem[];
  elapsedMs: number;
}

export interface BuildSiteOptions {
  projectDir: string;
  contentDir?: string;
  outputDir: string;
  baseUrl?: string;
  configFile?: string;
  mode?: 'build' | 'serve';
  quiet?: boolean;
}

export interface DevServer {
  url: string;
  close(): Promise<void>;
}

export interface DevServerOptions {
  projectDir: string;
  contentDir?: string;
  configFile?: string;
  host: string;
  port: number;
}

export interface LoadPostsOptions {
  projectDir: string;
  contentDir?: string;
  mode: 'build' | 'serve';
  now?: Date;
}

interface SiteBuildModule {
  buildSite(options: BuildSiteOptions): Promise<BuildSummary>;
  createDevServer(options: DevServerOptions): Promise<DevServer>;
}

interface LoadPostsModule {
  loadPosts(settings: Settings, options: LoadPostsOptions): Promise<{ posts: Post[]; problems: Problem[] }> | { posts: Post[]; problems: Problem[] };
}

// Held in variables so the type checker does not require the files while they are being written.
const siteBuildPath = '../site/build.ts';
const loadPostsPath = '../content/load-posts.ts';

export async function loadSiteBuild(): Promise<SiteBuildModule> {
  return (await import(siteBuildPath)) as SiteBuildModule;
}

export async function loadPostsModule(): Promise<LoadPostsModule> {
  return (await import(loadPostsPath)) as LoadPostsModule;
}
