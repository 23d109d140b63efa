/**
 * Start-up from the compiled files: `npm install` compiles src/ to dist/
 * (scripts/build-dist.js) and bin/weeklog.js runs dist/ only while it matches
 * the sources. Each test works on a copy of the package (node_modules linked),
 * so the checkout's own dist/ is never touched. How fast it starts is measured
 * by `npm run bench`, not here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { pathToFileURL } from 'node:url';
import { startWorker } from '../../src/compiled.ts';
import { hashTree, projectDir, tempDir } from './helpers.ts';

const copied = ['bin', 'scripts', 'src', 'templates', 'public', '.eleventy.ts', 'package.json'];
/** Put into dist/cli.js by the tests: when --help prints it, the compiled files ran. */
const MARK = 'Usage: weeklog <command> [flags] (compiled)';

async function copyPackage(): Promise<string> {
  const dir = await tempDir('startup');
  for (const name of copied) await cp(path.join(projectDir, name), path.join(dir, name), { recursive: true });
  await symlink(path.join(projectDir, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function run(command: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, command, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 300_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function buildDist(pkg: string): void {
  const built = run(['scripts/build-dist.js'], pkg);
  assert.equal(built.code, 0, built.stderr);
  assert.match(built.stdout, /^weeklog: compiled \d+ sources to dist\/ /);
}

/** Marks the compiled help text; the manifest lists sources only, so the marked dist/ still counts as fresh. */
async function markDist(pkg: string): Promise<void> {
  const file = path.join(pkg, 'dist/cli.js');
  const text = await readFile(file, 'utf8');
  assert.ok(text.includes('Usage: weeklog <command> [flags]'), 'dist/cli.js holds the help text');
  await writeFile(file, text.replace('Usage: weeklog <command> [flags]', MARK));
}

const helpRanCompiled = (pkg: string, cwd = pkg): boolean => {
  const help = run([path.join(pkg, 'bin/weeklog.js'), '--help'], cwd);
  assert.equal(help.code, 0, help.stderr);
  return help.stdout.startsWith(MARK);
};

test('start-up from dist/', async (t) => {
  const pkg = await copyPackage();
  t.after(() => rm(pkg, { recursive: true, force: true }));
  buildDist(pkg);

  await t.test('should compile the CLI, the Eleventy config and a manifest of the sources, and nothing else', async () => {
    const files = await readdir(path.join(pkg, 'dist'));
    for (const name of ['cli.js', 'eleventy.config.js', 'manifest.json']) assert.ok(files.includes(name), name);
    assert.deepEqual(files.filter((name) => !/^(cli|eleventy\.config|[\w-]+-[A-Z0-9]{8}|manifest)\.js(on)?$/.test(name) && !name.endsWith('.worker.js')), []);
    const manifest = JSON.parse(await readFile(path.join(pkg, 'dist/manifest.json'), 'utf8'));
    const inputs = manifest.inputs.map((input: { file: string }) => input.file);
    for (const source of ['src/cli/main.ts', '.eleventy.ts', 'src/config/runtime.ts', 'scripts/build-dist.js']) assert.ok(inputs.includes(source), source);
    assert.ok(!inputs.some((file: string) => file.includes('node_modules')), 'packages stay external');
  });

  await t.test('should run dist/ and print the same help as the sources', async () => {
    const compiled = run(['bin/weeklog.js', '--help'], pkg);
    const source = run(['bin/weeklog.js', '--help'], pkg, { WEEKLOG_FROM_SOURCE: '1' });
    assert.equal(compiled.code, 0, compiled.stderr);
    assert.equal(compiled.stdout, source.stdout);
    await markDist(pkg);
    assert.equal(helpRanCompiled(pkg), true);
  });

  await t.test('should write a new post from dist/', async () => {
    const site = await tempDir('startup-new');
    t.after(() => rm(site, { recursive: true, force: true }));
    const created = run([path.join(pkg, 'bin/weeklog.js'), 'new', 'Compiled 启动', '--tags', 'node,esbuild'], site);
    assert.equal(created.code, 0, created.stderr);
    const [file] = await readdir(path.join(site, 'content/posts'));
    assert.match(created.stdout, new RegExp(`content/posts/${file}`));
    const text = await readFile(path.join(site, 'content/posts', file!), 'utf8');
    assert.match(text, /^---\ntitle: Compiled 启动\n/);
    assert.match(text, /^tags: \[node, esbuild\]$/m);
  });

  await t.test('should build a site from dist/ (Eleventy loads the compiled config) byte for byte like the sources', async () => {
    const site = await tempDir('startup-site');
    t.after(() => rm(site, { recursive: true, force: true }));
    await mkdir(path.join(site, 'content/posts'), { recursive: true });
    await writeFile(path.join(site, 'weeklog.config.yml'), 'title: Start-up\nurl: https://example.com/blog/\n');
    for (const n of [1, 2, 3]) {
      const post = `---\ntitle: Post ${n}\ndate: 2024-0${n}-0${n} 10:00:00\ncategories: [Cloud, Kubernetes]\ntags: [Go, 容器]\n---\n\n段落 ${n}，[下一篇](./p${(n % 3) + 1}.md)。\n\n<!-- more -->\n\n## 代码\n\n\`\`\`go\nfunc main() { println(${n}) }\n\`\`\`\n\n| a | b |\n| - | - |\n| ${n} | x |\n`;
      await writeFile(path.join(site, `content/posts/p${n}.md`), post);
    }
    const compiled = run([path.join(pkg, 'bin/weeklog.js'), 'build', '--output', 'compiled', '--quiet'], site);
    assert.equal(compiled.code, 0, compiled.stderr);
    const source = run([path.join(pkg, 'bin/weeklog.js'), 'build', '--output', 'source', '--quiet'], site, { WEEKLOG_FROM_SOURCE: '1' });
    assert.equal(source.code, 0, source.stderr);
    const compiledFiles = await hashTree(path.join(site, 'compiled'));
    assert.ok(compiledFiles.has('blog/index.html') || compiledFiles.has('index.html'), [...compiledFiles.keys()].slice(0, 10).join(' '));
    assert.ok(compiledFiles.size > 20, `${compiledFiles.size} files`);
    assert.deepEqual(compiledFiles, await hashTree(path.join(site, 'source')));
  });

  await t.test('should start --help and new without loading Eleventy, the Markdown pipeline or shiki', async () => {
    // A resolve hook writes down every package the command loads; what start-up costs is the bench's to measure.
    const trace = path.join(pkg, 'trace');
    await writeFile(
      path.join(pkg, 'trace-hooks.mjs'),
      "import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const result = await next(specifier, context);\n  const name = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url)?.[1];\n  if (name) appendFileSync(process.env.WEEKLOG_TRACE, `${name}\\n`);\n  return result;\n}\n",
    );
    await writeFile(path.join(pkg, 'trace.mjs'), "import { register } from 'node:module';\nregister('./trace-hooks.mjs', import.meta.url);\n");
    const site = await tempDir('startup-trace');
    t.after(() => rm(site, { recursive: true, force: true }));
    for (const command of [['--help'], ['new', 'Traced start-up']]) {
      await rm(trace, { force: true });
      const traced = run(['--import', pathToFileURL(path.join(pkg, 'trace.mjs')).href, path.join(pkg, 'bin/weeklog.js'), ...command], site, { WEEKLOG_TRACE: trace });
      assert.equal(traced.code, 0, traced.stderr);
      const loaded = new Set((await readFile(trace, 'utf8')).trim().split('\n'));
      assert.ok(loaded.has('js-yaml'), `the trace works: ${[...loaded].join(' ')}`);
      for (const heavy of ['@11ty/eleventy', 'unified', 'remark-parse', 'shiki', 'esbuild', 'tsx']) assert.ok(!loaded.has(heavy), `${command[0]} loads ${heavy}`);
    }
  });

  await t.test('should keep using dist/ when a source is touched but not changed', async () => {
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(pkg, 'src/cli/main.ts'), later, later);
    assert.equal(helpRanCompiled(pkg), true);
  });

  await t.test('should run the sources when one of them changed, even with its old time and size, until dist/ is rebuilt', async () => {
    const file = path.join(pkg, 'src/cli/args.ts');
    const original = await readFile(file, 'utf8');
    // Same length, different bytes, old modification time: only the hash can tell.
    const edited = original.replace(/Show this help and exit\./, 'Show this help, and exit');
    assert.equal(edited.length, original.length);
    assert.notEqual(edited, original);
    const before = new Date('2020-01-01T00:00:00Z');
    await writeFile(file, edited);
    await utimes(file, before, before);
    assert.equal(helpRanCompiled(pkg), false);
    const flags = run(['bin/weeklog.js', 'new', '--help'], pkg);
    assert.match(flags.stdout, /Show this help, and exit/);

    buildDist(pkg);
    await markDist(pkg);
    assert.equal(helpRanCompiled(pkg), true);
    assert.match(run(['bin/weeklog.js', 'new', '--help'], pkg).stdout, /Show this help, and exit/);
  });

  await t.test('should run the sources when dist/ is missing or from another build format', async () => {
    const manifestFile = path.join(pkg, 'dist/manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, format: 0 }));
    assert.equal(helpRanCompiled(pkg), false);
    await rm(path.join(pkg, 'dist'), { recursive: true });
    assert.equal(helpRanCompiled(pkg), false);
    buildDist(pkg);
    await markDist(pkg);
    assert.equal(helpRanCompiled(pkg), true);
  });

  await t.test("should run the sources in a project with its own .eleventy.ts (TypeScript that may import weeklog's sources)", async () => {
    const site = await tempDir('startup-own-config');
    t.after(() => rm(site, { recursive: true, force: true }));
    await writeFile(path.join(site, '.eleventy.ts'), 'export default function () {}\n');
    assert.equal(helpRanCompiled(pkg, site), false);
  });
});

test('build-dist', async (t) => {
  const pkg = await copyPackage();
  t.after(() => rm(pkg, { recursive: true, force: true }));

  await t.test('should compile every src/**/*.worker.ts to dist/<name>.worker.js, runnable as a worker', async () => {
    await mkdir(path.join(pkg, 'src/probe'), { recursive: true });
    await writeFile(
      path.join(pkg, 'src/probe/echo.worker.ts'),
      "import { parentPort } from 'node:worker_threads';\nimport { runningCompiled } from '../compiled.ts';\nparentPort!.on('message', (n: number) => parentPort!.postMessage({ n: n + 1, runningCompiled }));\n",
    );
    // A worker started the plain way, by the URL of its source, from another compiled module.
    await writeFile(
      path.join(pkg, 'src/probe/relay.worker.ts'),
      "import { parentPort, Worker } from 'node:worker_threads';\nconst echo = new Worker(new URL('./echo.worker.ts', import.meta.url));\necho.on('message', (m) => { parentPort!.postMessage(m); void echo.terminate(); });\nparentPort!.on('message', (n: number) => echo.postMessage(n));\n",
    );
    buildDist(pkg);
    const relayed = run(
      ['--input-type=module', '-e', "import { Worker } from 'node:worker_threads'; const w = new Worker(new URL('./dist/relay.worker.js', `file://${process.cwd()}/`), { execArgv: [] }); w.on('message', (m) => { console.log(JSON.stringify(m)); w.terminate(); }); w.postMessage(1);"],
      pkg,
    );
    assert.equal(relayed.code, 0, relayed.stderr);
    assert.deepEqual(JSON.parse(relayed.stdout), { n: 2, runningCompiled: true });
    const probe = run(
      ['--input-type=module', '-e', "import { Worker } from 'node:worker_threads'; const w = new Worker(new URL('./dist/echo.worker.js', `file://${process.cwd()}/`), { execArgv: [] }); w.on('message', (m) => { console.log(JSON.stringify(m)); w.terminate(); }); w.postMessage(41);"],
      pkg,
    );
    assert.equal(probe.code, 0, probe.stderr);
    assert.deepEqual(JSON.parse(probe.stdout), { n: 42, runningCompiled: true });
  });

  await t.test('should start the same worker from its TypeScript source under tsx', async () => {
    const worker = startWorker(pathToFileURL(path.join(pkg, 'src/probe/echo.worker.ts')));
    const reply = new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    worker.postMessage(1);
    assert.deepEqual(await reply, { n: 2, runningCompiled: false });
    await worker.terminate();
  });

  await t.test('should refuse two workers that would compile to one file, and keep the previous dist/', async () => {
    await mkdir(path.join(pkg, 'src/other'), { recursive: true });
    await writeFile(path.join(pkg, 'src/other/echo.worker.ts'), 'export {};\n');
    const built = run(['scripts/build-dist.js'], pkg);
    assert.notEqual(built.code, 0);
    assert.match(built.stderr, /src\/probe\/echo\.worker\.ts and src\/other\/echo\.worker\.ts would both compile to dist\/echo\.worker\.js; rename one of them\./);
    assert.ok((await readdir(path.join(pkg, 'dist'))).includes('echo.worker.js'));
  });
});
