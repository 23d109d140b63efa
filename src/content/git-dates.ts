import { execFile } from 'node:child_process';
import path from 'node:path';

/** What git knows of the files under one folder, keyed by posix path relative to it. */
export interface GitHistory {
  /**
   * `complete`: a full clone; `shallow`: a `--depth N` clone, whose oldest commit
   * looks like it added every file; `none`: no repository, or no git.
   */
  state: 'complete' | 'shallow' | 'none';
  /** When each file was first added (only when `complete`). */
  added: Map<string, Date>;
  /** The last commit that changed each file (only when `complete`). */
  changed: Map<string, Date>;
  /** How many commits touched each file (only when `complete`). */
  commits: Map<string, number>;
}

const noHistory = (state: GitHistory['state']): GitHistory => ({ state, added: new Map(), changed: new Map(), commits: new Map() });

/**
 * One `git log` for the whole folder (`-z` keeps unicode and spaces in names
 * intact). A shallow clone's dates are not used at all: its one commit would
 * date every file on the day of the newest commit.
 */
export async function gitHistory(dir: string): Promise<GitHistory> {
  let shallow: string;
  try {
    shallow = (await runGit(dir, ['rev-parse', '--is-shallow-repository'])).trim();
  } catch {
    return noHistory('none');
  }
  if (shallow === 'true') return noHistory('shallow');
  let output: string;
  try {
    output = await runGit(dir, ['-c', 'core.quotePath=false', 'log', '--no-renames', '--format=%x01%at', '--name-status', '--relative', '-z', '--', '.']);
  } catch {
    // A repository without commits yet.
    return noHistory('none');
  }
  const history: GitHistory = noHistory('complete');
  // Commits come newest first: the first date seen for a path is its last change, the last `A` its addition.
  for (const commit of output.split('\x01')) {
    const [seconds, ...fields] = commit.split('\0');
    const time = Number.parseInt(seconds, 10);
    if (!Number.isFinite(time)) continue;
    const date = new Date(time * 1000);
    for (let i = 0; i + 1 < fields.length; i += 2) {
      // git puts a newline between the format line and the first status.
      const status = fields[i].replace(/^\n/u, '');
      const file = fields[i + 1].split(path.sep).join('/');
      if (!file) continue;
      if (!history.changed.has(file)) history.changed.set(file, date);
      history.commits.set(file, (history.commits.get(file) ?? 0) + 1);
      if (status === 'A') history.added.set(file, date);
    }
  }
  return history;
}

function runGit(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}
