import { execFile } from 'node:child_process';
import path from 'node:path';

/**
 * When each file under `dir` was first added to git, keyed by posix path
 * relative to `dir`. One `git log` for the whole folder; `-z` keeps unicode
 * and spaces in names intact. Empty when `dir` is not in a repository or git
 * is missing.
 */
export async function gitAddedDates(dir: string): Promise<Map<string, Date>> {
  const dates = new Map<string, Date>();
  let output: string;
  try {
    output = await runGit(dir, [
      '-c',
      'core.quotePath=false',
      'log',
      '--no-renames',
      '--diff-filter=A',
      '--format=%x01%at',
      '--name-only',
      '--relative',
      '-z',
      '--',
      '.',
    ]);
  } catch {
    return dates;
  }
  // Commits come newest first, so the last date seen for a path is when it was first added.
  for (const commit of output.split('\x01')) {
    const [seconds, ...names] = commit.split('\0');
    const time = Number.parseInt(seconds, 10);
    if (!Number.isFinite(time)) continue;
    for (const name of names) {
      // git puts a newline between the format line and the first name.
      const file = name.replace(/^\n/, '');
      if (file) dates.set(file.split(path.sep).join('/'), new Date(time * 1000));
    }
  }
  return dates;
}

function runGit(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}
