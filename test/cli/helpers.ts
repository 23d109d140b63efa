import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';

export const projectDir = path.resolve(fileURLToPath(import.meta.url), '../../..');
export const fixtures = path.join(projectDir, 'test/cli/fixtures');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `weeklog <argv>` in this process with captured output. */
export async function runCli(
  argv: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; isTTY?: boolean; now?: () => Date; signal?: AbortSignal },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    cwd: options.cwd,
    argv,
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    now: options.now,
    signal: options.signal,
  });
  return { code, stdout, stderr };
}

export const tempDir = (name: string): Promise<string> => mkdtemp(path.join(os.tmpdir(), `weeklog-cli-${name}-`));

/** `relative path → sha1` of every file below `dir`. */
export async function hashTree(dir: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    hashes.set(path.relative(dir, file), createHash('sha1').update(await readFile(file)).digest('hex'));
  }
  return hashes;
}
