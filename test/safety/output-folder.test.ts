import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { checkOutputLocation, OUTPUT_MARKER, UnsafeOutputError } from '../../src/cli/output-folder.ts';
import { hashTree, makeProject, runCli, tempDir } from './helpers.ts';

/** Every file of `dir` with its hash, to prove a refused build touched nothing. */
const snapshot = (dir: string) => hashTree(dir);

test('the output folder never deletes what weeklog did not create', async (t) => {
  const parent = await tempDir('output');
  const dir = await makeProject(path.join(parent, 'project'));
  await mkdir(path.join(dir, '.git'));
  await writeFile(path.join(dir, '.git/HEAD'), 'ref: refs/heads/main\n');
  await writeFile(path.join(parent, 'neighbour.txt'), 'not the project');
  // Eleventy resolves its folders from the working directory, as from a shell in the project.
  const before = process.cwd();
  process.chdir(dir);
  t.after(() => process.chdir(before));

  await t.test('should refuse --output . (the project) with exit 2 and delete nothing', async () => {
    const was = await snapshot(parent);
    const run = await runCli(['build', '--output', '.'], { cwd: dir });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^The output folder \. is the project folder \(.*\); a build replaces its whole output folder, so it would delete your files\. Use a folder of its own, such as _site.*\nNothing was built\.\n$/);
    assert.deepEqual(await snapshot(parent), was);
  });

  await t.test('should report an unsafe outputDir in `check` too, at the settings file', async () => {
    await writeFile(path.join(dir, 'weeklog.config.yml'), 'title: Safety\noutputDir: content\n');
    const run = await runCli(['check'], { cwd: dir });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^weeklog\.config\.yml  The output folder content is the content folder \(.*\); a build replaces its whole output folder/m);
    await writeFile(path.join(dir, 'weeklog.config.yml'), 'title: Safety\n');
  });

  await t.test('should refuse outputDir: content, .., public, .git and a folder inside content (exit 3 from the settings)', async () => {
    const cases: [string, RegExp][] = [
      ['content', /is the content folder/],
      ['content/posts/out', /is inside the content folder/],
      ['..', /contains the project folder/],
      ['public', /is the public folder/],
      ['.git', /is the git repository/],
      ['.git/site', /is inside the git repository/],
    ];
    for (const [outputDir, expected] of cases) {
      await writeFile(path.join(dir, 'weeklog.config.yml'), `title: Safety\noutputDir: ${outputDir}\n`);
      const was = await snapshot(parent);
      const run = await runCli(['build'], { cwd: dir });
      assert.equal(run.code, 3, `${outputDir}: ${run.stderr}`);
      assert.match(run.stderr, expected, outputDir);
      assert.deepEqual(await snapshot(parent), was, `${outputDir} touched nothing`);
    }
    await writeFile(path.join(dir, 'weeklog.config.yml'), 'title: Safety\n');
  });

  await t.test('should refuse the file system root and the home folder, or a folder holding it', () => {
    const folders = { projectDir: dir, contentDir: path.join(dir, 'content'), publicDir: path.join(dir, 'public'), homeDir: path.join(parent, 'home/me') };
    assert.throws(() => checkOutputLocation('/', '/', folders), (e) => e instanceof UnsafeOutputError && /root of the file system/.test(e.message));
    assert.throws(() => checkOutputLocation(path.join(parent, 'home/me'), '~', folders), /~ is your home folder/);
    assert.throws(() => checkOutputLocation(path.join(parent, 'home'), 'home', folders), /home contains your home folder/);
    // Inside the home folder and beside the project are where sites normally go.
    checkOutputLocation(path.join(parent, 'home/me/site'), 'site', folders);
    checkOutputLocation(path.join(dir, '_site'), '_site', folders);
  });

  await t.test('should refuse a folder of the author\'s own files and say how to proceed', async () => {
    await mkdir(path.join(dir, 'docs'));
    await writeFile(path.join(dir, 'docs/handbook.md'), 'my own notes');
    const run = await runCli(['build', '--output', 'docs'], { cwd: dir });
    assert.equal(run.code, 2, run.stderr);
    assert.equal(
      run.stderr,
      `docs already holds files that weeklog did not write (it has no ${OUTPUT_MARKER} file), so a build will not replace it. ` +
        `Pass a new or empty folder with --output, or, if everything in docs may be deleted on every build, create the file docs/${OUTPUT_MARKER}.\nNothing was built.\n`,
    );
    assert.equal(await readFile(path.join(dir, 'docs/handbook.md'), 'utf8'), 'my own notes');
    assert.deepEqual(await readdir(dir).then((names) => names.filter((n) => n.startsWith('.docs'))), []);
    // Following the advice lets the build replace it.
    await writeFile(path.join(dir, 'docs', OUTPUT_MARKER), '');
    const again = await runCli(['build', '--output', 'docs', '--quiet'], { cwd: dir });
    assert.equal(again.code, 0, again.stderr);
    assert.ok(!existsSync(path.join(dir, 'docs/handbook.md')));
    assert.ok(existsSync(path.join(dir, 'docs/index.html')));
  });

  await t.test('should refuse an output that is a symbolic link, naming the folder to pass instead', async () => {
    await mkdir(path.join(parent, 'www'));
    await writeFile(path.join(parent, 'www', OUTPUT_MARKER), '');
    await symlink(path.join(parent, 'www'), path.join(dir, 'linked-site'));
    const run = await runCli(['build', '--output', 'linked-site'], { cwd: dir });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^linked-site is a symbolic link \(to .*www\); a build puts a new folder in its place, so the link would be lost\. Pass the folder itself: --output .*www\.\nNothing was built\.\n$/);
    assert.ok((await lstat(path.join(dir, 'linked-site'))).isSymbolicLink());
    await rm(path.join(dir, 'linked-site'));
  });

  await t.test('should mark what it builds, rebuild it, and adopt an older weeklog site without the marker', async () => {
    const first = await runCli(['build', '--quiet'], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    assert.ok(existsSync(path.join(dir, '_site', OUTPUT_MARKER)));
    await rm(path.join(dir, '_site', OUTPUT_MARKER));
    await writeFile(path.join(dir, '_site/stale.html'), 'from an old build');
    const second = await runCli(['build', '--quiet'], { cwd: dir });
    assert.equal(second.code, 0, second.stderr);
    assert.ok(!existsSync(path.join(dir, '_site/stale.html')));
    assert.ok(existsSync(path.join(dir, '_site', OUTPUT_MARKER)));
  });

  await t.test('should give the output the permissions of the umask, not a temporary folder\'s 0700', async () => {
    const umask = process.umask();
    assert.equal((await stat(path.join(dir, '_site'))).mode & 0o777, 0o777 & ~umask);
    assert.equal((await stat(path.join(dir, '_site/tags'))).mode & 0o777, 0o777 & ~umask);
    assert.equal((await stat(path.join(dir, '_site/index.html'))).mode & 0o777, 0o666 & ~umask);
  });
});
