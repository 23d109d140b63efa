import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import EleventyDevServer from '@11ty/eleventy-dev-server';
import { attachBuildContext, BuildContext } from '../build/context.ts';
import { formatProblems } from '../problems.ts';

export interface DevServerOptions {
  projectDir: string;
  contentDir?: string;
  configFile?: string;
  /** default: `127.0.0.1` */
  host: string;
  /** default: `8080` */
  port: number;
  /** Where preview pages are written (default: `.cache/serve` in the project, never the real output). */
  outputDir?: string;
  /** Called after every (re)build with the problems found. */
  onBuild?: (report: string) => void;
}

let boundHost = '127.0.0.1';
// Eleventy's dev server listens on every interface; a preview with drafts
// should only be reachable from this machine unless the author asks otherwise.
const devServerPrototype = (EleventyDevServer as unknown as { prototype: Record<string, unknown> }).prototype;
devServerPrototype._serverListen = function (this: { server: import('node:http').Server }, port: number) {
  // `GET //` reaches the dev server's `new URL(path)` as a protocol-relative URL and kills the process.
  this.server.prependListener('request', (request) => {
    if (request.url?.startsWith('//')) request.url = request.url.replace(/^\/+/u, '/');
  });
  this.server.listen({ port, host: boundHost });
};

/** Eleventy watch + serve with live reload; drafts shown, content errors shown in the page. */
export async function createDevServer(options: DevServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const projectDir = path.resolve(options.projectDir);
  const outputDir = path.resolve(projectDir, options.outputDir ?? '.cache/serve');
  // One context for the whole session: its caches keep unchanged posts across rebuilds.
  const context = new BuildContext({
    projectDir,
    contentDir: options.contentDir,
    configFile: options.configFile,
    outputDir,
    mode: 'serve',
    problemsPrintedBy: 'caller',
  });
  boundHost = options.host;

  const eleventy = new Eleventy(undefined, outputDir, {
    configPath: context.theme.configFile,
    quietMode: true,
    runMode: 'serve',
    config(eleventyConfig: { on(event: string, fn: () => unknown): void; setServerOptions(o: object): void }) {
      attachBuildContext(eleventyConfig, context);
      eleventyConfig.setServerOptions({ port: options.port, messageOnStart: () => false, showVersion: false });
      eleventyConfig.on('eleventy.after', async () => {
        const site = await context.site();
        options.onBuild?.(formatProblems(site.problems));
      });
    },
  });
  await eleventy.init();
  await eleventy.watch();
  await eleventy.serve(options.port);
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${options.port}/`,
    close: async () => {
      await eleventy.stopWatch();
    },
  };
}
