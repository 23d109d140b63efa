/**
 * The three generators `npm run bench` compares, each as a site folder plus the
 * commands an author runs in it: a build, the same build again, `--help` and
 * starting a new post. weeklog runs as installed (`bin/weeklog.js`, the
 * compiled dist/), Hugo is Debian's `hugo`, Hexo is hexo-cli over the npm
 * packages weeklog's devDependencies pin.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate-corpus.ts';
import type { Command } from './measure.ts';
import { packageDir, readCorpus, writeHexoSite, writeHugoSite } from './peers.ts';

export interface Tool {
  name: 'weeklog' | 'Hugo' | 'Hexo';
  siteDir: string;
  /** Where the site is written. */
  outputDir: string;
  /** Removes the output and every cache, so the next build is cold. */
  clean(): Promise<void>;
  build: Command;
  help: Command;
  /** Starts post number `n` (a new title each time); `undoNew` removes it again. */
  newPost(n: number): Command;
  undoNew(n: number): Promise<void>;
}

const hugoBinary = '/usr/bin/hugo';

/** Hugo's version line, or `undefined` when Debian's `hugo` is not installed. */
export function hugoVersion(): string | undefined {
  const result = spawnSync(hugoBinary, ['version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

async function rmAll(...paths: string[]): Promise<void> {
  await Promise.all(paths.map((p) => rm(p, { recursive: true, force: true })));
}

/** A date-prefixed file the `new` commands write; weeklog and Hexo both name it from the title. */
const newTitle = (n: number): string => `bench start-up ${n}`;

export function weeklogTool(siteDir: string): Tool {
  const bin = [process.execPath, path.join(packageDir, 'bin/weeklog.js')];
  const outputDir = path.join(siteDir, '_site');
  return {
    name: 'weeklog',
    siteDir,
    outputDir,
    clean: () => rmAll(outputDir, path.join(siteDir, '.cache')),
    build: { args: [...bin, 'build', '--quiet'], cwd: siteDir },
    help: { args: [...bin, '--help'], cwd: siteDir },
    newPost: (n) => ({ args: [...bin, 'new', newTitle(n), '--draft'], cwd: siteDir }),
    // Drafts go to content/_drafts/, which holds nothing else in the bench corpus.
    undoNew: () => rmAll(path.join(siteDir, 'content/_drafts')),
  };
}

export function hugoTool(siteDir: string): Tool {
  const outputDir = path.join(siteDir, 'public');
  const cacheDir = path.join(siteDir, '.hugo-cache');
  return {
    name: 'Hugo',
    siteDir,
    outputDir,
    clean: () => rmAll(outputDir, cacheDir, path.join(siteDir, 'resources')),
    build: { args: [hugoBinary, '--quiet', '--cacheDir', cacheDir], cwd: siteDir },
    help: { args: [hugoBinary, '--help'], cwd: siteDir },
    newPost: (n) => ({ args: [hugoBinary, 'new', `drafts/bench-start-up-${n}.md`], cwd: siteDir }),
    undoNew: () => rmAll(path.join(siteDir, 'content/drafts')),
  };
}

export function hexoTool(siteDir: string): Tool {
  const cli = [process.execPath, path.join(packageDir, 'node_modules/hexo/bin/hexo')];
  const outputDir = path.join(siteDir, 'public');
  return {
    name: 'Hexo',
    siteDir,
    outputDir,
    clean: () => rmAll(outputDir, path.join(siteDir, 'db.json')),
    build: { args: [...cli, 'generate', '--silent'], cwd: siteDir },
    help: { args: [...cli, 'help', '--silent'], cwd: siteDir },
    newPost: (n) => ({ args: [...cli, 'new', 'draft', newTitle(n), '--silent'], cwd: siteDir }),
    undoNew: () => rmAll(path.join(siteDir, 'source/_drafts')),
  };
}

/** The required Markdown pipeline and nothing else (bench/pipeline-floor.ts) over the weeklog site's posts, one thread per core. */
export function pipelineFloor(weeklog: Tool): Command {
  const script = fileURLToPath(new URL('./pipeline-floor.ts', import.meta.url));
  return { args: [process.execPath, '--import', import.meta.resolve('tsx'), script, path.join(weeklog.siteDir, 'content')], cwd: weeklog.siteDir };
}

/**
 * Generates the corpus for weeklog (`<scratch>/weeklog`, with this checkout's
 * weeklog.config.yml) and writes the same posts as a Hugo and a Hexo site.
 * Hugo is left out when it is not installed.
 */
export async function prepareSites(scratch: string, posts: number, seed: number, withHugo: boolean): Promise<Tool[]> {
  const weeklogDir = path.join(scratch, 'weeklog');
  await generateCorpus(path.join(weeklogDir, 'content'), posts, seed);
  await copyFile(path.join(packageDir, 'weeklog.config.yml'), path.join(weeklogDir, 'weeklog.config.yml'));
  const corpus = await readCorpus(path.join(weeklogDir, 'content'));
  await writeHexoSite(corpus, path.join(scratch, 'hexo'));
  const tools = [weeklogTool(weeklogDir)];
  if (withHugo) {
    await writeHugoSite(corpus, path.join(scratch, 'hugo'));
    tools.push(hugoTool(path.join(scratch, 'hugo')));
  }
  tools.push(hexoTool(path.join(scratch, 'hexo')));
  return tools;
}
