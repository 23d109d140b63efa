import assert from 'node:assert/strict';
import test from 'node:test';
import { runCli, tempDir } from './helpers.ts';

const commands = ['new', 'build', 'serve', 'check', 'import-hexo'];

test('weeklog', async (t) => {
  const cwd = await tempDir('main');

  await t.test('should list every command and the exit codes in --help', async () => {
    const run = await runCli(['--help'], { cwd });
    assert.equal(run.code, 0);
    for (const name of commands) assert.match(run.stdout, new RegExp(`^  ${name} +\\S`, 'm'));
    assert.match(run.stdout, /^  2  usage error/m);
  });

  await t.test('should print a flag table with descriptions for every command', async () => {
    for (const name of commands) {
      const run = await runCli([name, '--help'], { cwd });
      assert.equal(run.code, 0, name);
      assert.match(run.stdout, new RegExp(`^Usage: weeklog ${name}`), name);
      assert.match(run.stdout, /^Flags:\n(  .*--[a-z-]+.*  \S.*\n)+\nExamples:\n/m, name);
      assert.match(run.stdout, /^  -h, --help +Show this help and exit\.$/m, name);
      assert.match(run.stdout, /^Exit codes:$/m, name);
    }
  });

  await t.test('should exit 2 on an unknown or missing command', async () => {
    const unknown = await runCli(['biuld'], { cwd });
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, 'Unknown command "biuld". Run `weeklog --help` for the list of commands.\n');
    const none = await runCli([], { cwd });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^Usage: weeklog <command>/);
  });

  await t.test("should exit 3 with the module's own advice when the run cannot go on", async () => {
    const run = await runCli(['check', '--content', 'no-such-folder'], { cwd });
    assert.equal(run.code, 3);
    assert.match(run.stderr, /no-such-folder/);
    assert.doesNotMatch(run.stderr, /unexpected failure/);
  });

  await t.test('should exit 2 on a stray argument', async () => {
    const run = await runCli(['check', 'extra'], { cwd });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'weeklog check: unexpected argument "extra". Run `weeklog check --help` for the usage.\n');
  });
});
