import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { startServe } from './helpers.ts';

const post = (title: string, date: string, body: string, extra = '') =>
  `---\ntitle: ${title}\ndate: ${date}\ncategory: Notes\ntags: [alpha]\n${extra}---\n\n${body}\n`;

/** The README's "Your own site" layout: settings, content/ and public/, nothing of weeklog's. */
async function ownProject(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-preview-own-'));
  await writeFile(path.join(dir, 'weeklog.config.yml'), 'title: Own Notes\nlanguage: en\nautoTag: off\n');
  await mkdir(path.join(dir, 'content/posts'), { recursive: true });
  await mkdir(path.join(dir, 'public/images'), { recursive: true });
  await writeFile(path.join(dir, 'public/images/x.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(dir, 'content/posts/first.md'), post('First post', '2024-01-02 10:00:00', 'The first body says apple.'));
  await writeFile(path.join(dir, 'content/posts/second.md'), post('Second post', '2024-02-03 10:00:00', 'The second body says pear.'));
  return dir;
}

test('weeklog serve in an author\'s own project', async (t) => {
  await t.test('should follow edits, additions, renames, deletions and settings, with the working directory elsewhere', async () => {
    const project = await ownProject();
    // The CLI's working directory is the project; the process's is not (it is the repository).
    assert.notEqual(process.cwd(), project);
    const server = await startServe(project);
    try {
      const first = '/2024/01/02/first/';
      assert.match(await (await fetch(new URL(first, server.url))).text(), /The first body says apple\./u);
      assert.equal((await fetch(new URL('/images/x.svg', server.url))).status, 200);

      await writeFile(path.join(project, 'content/posts/first.md'), post('First post', '2024-01-02 10:00:00', 'The first body says banana.'));
      await server.events.page(first, (html) => html.includes('The first body says banana.'));

      await writeFile(path.join(project, 'content/posts/third.md'), post('Third post', '2024-03-04 10:00:00', 'A new post.'));
      await server.events.page('/', (html) => html.includes('Third post'));
      assert.equal((await fetch(new URL('/2024/03/04/third/', server.url))).status, 200);

      await rename(path.join(project, 'content/posts/second.md'), path.join(project, 'content/posts/renamed.md'));
      await writeFile(
        path.join(project, 'content/posts/renamed.md'),
        post('Renamed post', '2024-02-03 10:00:00', 'The second body says pear.'),
      );
      await server.events.page('/2024/02/03/renamed/', (html, status) => status === 200 && html.includes('pear'));
      // An editor's save can arrive as several updates; the old URL must be gone once they are done.
      await server.events.page('/2024/02/03/second/', (_html, status) => status === 404);

      await unlink(path.join(project, 'content/posts/third.md'));
      await server.events.page('/', (html) => !html.includes('Third post'));
      await server.events.page('/2024/03/04/third/', (_html, status) => status === 404);

      await writeFile(path.join(project, 'weeklog.config.yml'), 'title: Renamed Notes\nlanguage: en\nautoTag: off\n');
      await server.events.page(first, (html) => html.includes('<title>First post · Renamed Notes</title>'));
    } finally {
      assert.equal(await server.stop(), 0);
      await rm(project, { recursive: true, force: true });
    }
  });

  await t.test("should follow saves an editor makes by renaming a new file over the post, each as that post's update", async () => {
    const project = await ownProject();
    const server = await startServe(project);
    try {
      const first = '/2024/01/02/first/';
      const file = path.join(project, 'content/posts/first.md');
      // Vim's swap file stays beside the post while it is open; sed -i and safe writes leave a temporary file only
      // for the moment of the save.
      await writeFile(path.join(project, 'content/posts/.first.md.swp'), 'swap');
      const since = server.events.seen.length;
      for (const fruit of ['cherry', 'plum', 'fig']) {
        const temporary = path.join(project, `content/posts/sed${fruit}`);
        await writeFile(temporary, post('First post', '2024-01-02 10:00:00', `The first body says ${fruit}.`));
        await rename(temporary, file);
        await server.events.page(first, (html) => html.includes(`The first body says ${fruit}.`));
      }
      assert.deepEqual(
        server.events.seen.slice(since).filter((event) => event.urls === 'all'),
        [],
        'no save rebuilt the whole site',
      );
    } finally {
      assert.equal(await server.stop(), 0);
      await rm(project, { recursive: true, force: true });
    }
  });

  await t.test('should show a post with broken front matter as a problem on every page, and a failed rebuild as an error page', async () => {
    const project = await ownProject();
    const server = await startServe(project);
    try {
      await writeFile(path.join(project, 'content/posts/first.md'), '---\ntitle: [unclosed\n---\nbody\n');
      const home = await server.events.page('/', (html) => html.includes('build-problems') && html.includes('first.md'));
      assert.match(home, /content\/posts\/first\.md:\d+/u, 'the problem names the file and line');
      assert.match(server.output.stderr, /first\.md:\d+/u, 'the terminal shows it too');
      const page = await fetch(new URL('/2024/01/02/first/', server.url));
      assert.match(await page.text(), /first\.md:\d+/u, 'the broken post\'s own URL shows the problem, not its old content');

      // A settings error stops the rebuild: every page says so instead of showing stale content.
      await writeFile(path.join(project, 'weeklog.config.yml'), 'title: [unclosed\n');
      const failed = await server.events.page('/2024/02/03/second/', (html, status) => status === 500);
      assert.match(failed, /The last rebuild failed[\s\S]*weeklog\.config\.yml/u);
      await writeFile(path.join(project, 'weeklog.config.yml'), 'title: Fixed Notes\nlanguage: en\nautoTag: off\n');
      await server.events.page('/2024/02/03/second/', (html, status) => status === 200 && html.includes('Fixed Notes'));

      // Mended, the pages lose the report and the terminal says so once.
      assert.doesNotMatch(server.output.stderr, /No problems left/u);
      await writeFile(path.join(project, 'content/posts/first.md'), post('First post', '2024-01-02 10:00:00', 'Mended.'));
      await server.events.page('/', (html) => !html.includes('build-problems') && html.includes('First post'));
      // Printed when the update that mended it ends, which may come after its pages are announced.
      for (const ceiling = Date.now() + 60_000; !server.output.stderr.includes('No problems left') && Date.now() < ceiling; ) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.match(server.output.stderr, /No problems left: the pages are up to date\.\n$/u);
    } finally {
      assert.equal(await server.stop(), 0);
      await rm(project, { recursive: true, force: true });
    }
  });

  await t.test('should print the address of a site that lives under a sub-path, and serve its home page there', async () => {
    const project = await ownProject();
    await writeFile(path.join(project, 'weeklog.config.yml'), 'title: Own Notes\nlanguage: en\nautoTag: off\nurl: https://example.com/blog/\n');
    const server = await startServe(project);
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/blog\/$/u);
      const home = await fetch(server.url, { redirect: 'manual' });
      assert.equal(home.status, 200);
      assert.match(await home.text(), /First post/u);
    } finally {
      assert.equal(await server.stop(), 0);
      await rm(project, { recursive: true, force: true });
    }
  });

  await t.test('should follow a --content folder outside the project', async () => {
    const project = await ownProject();
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'weeklog-preview-content-'));
    await writeFile(path.join(elsewhere, 'note.md'), post('Outside note', '2024-05-06 10:00:00', 'Kept elsewhere.'));
    const server = await startServe(project, ['--content', elsewhere]);
    try {
      const page = '/2024/05/06/note/';
      assert.match(await (await fetch(new URL(page, server.url))).text(), /Kept elsewhere\./u);
      await writeFile(path.join(elsewhere, 'note.md'), post('Outside note', '2024-05-06 10:00:00', 'Changed elsewhere.'));
      await server.events.page(page, (html) => html.includes('Changed elsewhere.'));
      assert.equal(await readFile(path.join(elsewhere, 'note.md'), 'utf8').then((text) => text.includes('Changed')), true);
    } finally {
      assert.equal(await server.stop(), 0);
      await rm(project, { recursive: true, force: true });
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
