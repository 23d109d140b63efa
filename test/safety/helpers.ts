import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectDir as weeklogDir } from '../cli/helpers.ts';

export { hashTree, runCli } from '../cli/helpers.ts';
export { weeklogDir };

export const tempDir = (name: string): Promise<string> => mkdtemp(path.join(os.tmpdir(), `weeklog-safety-${name}-`));

/** A small project in `dir`: settings, `posts` posts under content/posts, an empty public/. */
export async function makeProject(dir: string, options: { posts?: number; settings?: string } = {}): Promise<string> {
  await mkdir(path.join(dir, 'content/posts'), { recursive: true });
  await mkdir(path.join(dir, 'public'), { recursive: true });
  await writeFile(path.join(dir, 'weeklog.config.yml'), `title: Safety\n${options.settings ?? ''}`);
  const count = options.posts ?? 1;
  for (let i = 0; i < count; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    await writeFile(
      path.join(dir, `content/posts/2020-01-${day}-post-${i}.md`),
      `---\ntitle: Post ${i}\ndate: 2020-01-${day} 10:00:00\ntags: [t${i % 7}]\n---\n\nParagraph ${i} with **bold** text.\n\n## Section\n\nMore.\n`,
    );
  }
  return dir;
}

export interface Spawned {
  child: import('node:child_process').ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** `weeklog <argv>` as its own process, as a user runs it. */
export function spawnCli(argv: string[], cwd: string): Spawned {
  const child = spawn(process.execPath, [path.join(weeklogDir, 'bin/weeklog.js'), ...argv], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Polls `condition` until it holds; fails after a generous ceiling, never on a timing guess. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, ceilingMs = 120_000): Promise<void> {
  const until = Date.now() + ceilingMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
