import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { watchProject } from '../../src/preview/watch.ts';

/** Reported changes, and a wait for the next report that names `file` (a generous ceiling: never a timing assertion). */
function recorder() {
  const waiting: { file: string; resolve: () => void }[] = [];
  const onChange = (paths: Set<string>) => {
    for (const wait of [...waiting]) {
      if (!paths.has(wait.file)) continue;
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve();
    }
  };
  const reported = (file: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no change reported for ${file} within 20 s`)), 20_000);
      waiting.push({ file, resolve: () => (clearTimeout(timer), resolve()) });
    });
  return { onChange, reported };
}

/** How vim, `sed -i` and an IDE's safe write save: a new file renamed over the old one. */
async function saveByRename(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.swp`);
  await writeFile(temporary, text);
  await rename(temporary, file);
}

test('watchProject', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-watch-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const content = path.join(dir, 'content');
  await mkdir(path.join(content, 'posts/2016'), { recursive: true });
  const post = path.join(content, 'posts/2016/a.md');
  await writeFile(post, '# A\n');
  const { onChange, reported } = recorder();
  const watcher = watchProject({ folders: [content], files: [path.join(dir, 'weeklog.config.yml')], ignore: [], onChange });
  t.after(() => watcher.close());
  /** Saves `file` as `save` does and waits until the change is reported. */
  const saved = async (file: string, save: (file: string) => Promise<void>) => {
    const seen = reported(file);
    await save(file);
    await seen;
  };

  await t.test('should report every save of a post, also when the editor renames a new file over it', async () => {
    // Node 20's recursive fs.watch on Linux reported the first such save and none after it.
    for (let save = 1; save <= 3; save++) await saved(post, (file) => saveByRename(file, `# A, save ${save}\n`));
    await saved(post, (file) => writeFile(file, '# A, written in place\n'));
  });

  await t.test('should report files in a folder made while serving, and their later saves', async () => {
    const folder = path.join(content, 'notes/k8s');
    await mkdir(folder, { recursive: true });
    const note = path.join(folder, 'b.md');
    await saved(note, (file) => writeFile(file, '# B\n'));
    await saved(note, (file) => saveByRename(file, '# B, again\n'));
  });

  await t.test('should report the settings file saved by renaming', async () => {
    const settings = path.join(dir, 'weeklog.config.yml');
    for (let save = 1; save <= 2; save++) await saved(settings, (file) => saveByRename(file, `title: T${save}\n`));
  });
});
