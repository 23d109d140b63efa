import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { createDevServer } from '../../src/site/dev-server.ts';
import type { UpdateResult } from '../../src/preview/session.ts';
import { projectDir as repoDir } from '../cli/helpers.ts';
import { differingFromColdBuild } from './helpers.ts';


test('serve after edits writes the same bytes as a cold build', async (t) => {
  const project = await mkdtemp(path.join(os.tmpdir(), 'weeklog-preview-same-'));
  t.after(() => rm(project, { recursive: true, force: true }));
  // The sample's published posts (no drafts: a build leaves them out, serve shows them), with images and code.
  await cp(path.join(repoDir, 'content/posts'), path.join(project, 'content/posts'), { recursive: true });
  // Serve lists problems in every page and a build does not, so the sources must have none:
  // the one unknown fence language of the sample becomes a known one.
  const nginx = path.join(project, 'content/posts/nginx-rate-limit.md');
  await writeFile(nginx, (await readFile(nginx, 'utf8')).replaceAll('```conf', '```nginx'));
  await writeFile(path.join(project, 'weeklog.config.yml'), 'title: Same Bytes\nlanguage: en\nperPage: 3\n');
  // A footer heading that names vocabulary terms, on one post from the start (see the steps).
  const footer = '\n\n## More Kubernetes, Docker and PostgreSQL notes every week\n';
  const footed = path.join(project, 'content/posts/go-context-cancellation.md');
  await writeFile(footed, `${await readFile(footed, 'utf8')}${footer}`);

  const server = await createDevServer({ projectDir: project, host: '127.0.0.1', port: 0 });
  const results: UpdateResult[] = [];
  const waiters = new Set<() => void>();
  server.onUpdate((result) => {
    results.push(result);
    for (const wake of waiters) wake();
  });
  /** Waits (up to 5 minutes on a loaded machine) for the update that follows a file change. */
  const nextUpdate = async (change: () => Promise<void>): Promise<UpdateResult> => {
    const seen = results.length;
    await change();
    const until = Date.now() + 300_000;
    while (results.length === seen) {
      assert.ok(Date.now() < until, 'no update followed the change');
      await new Promise<void>((resolve) => {
        const wake = () => (waiters.delete(wake), clearTimeout(timer), resolve());
        const timer = setTimeout(wake, 5_000);
        waiters.add(wake);
      });
    }
    return results.at(-1)!;
  };
  const posts = path.join(project, 'content/posts');
  const postgresPage = () => readFile(path.join(server.root(), '2020/06/22/postgres-index-notes/index.html'), 'utf8');
  const relatedOf = (page: string) => page.slice(page.indexOf('class="related-posts"'));
  try {
    assert.doesNotMatch(relatedOf(await postgresPage()), /SystemTap 快速入门/u, 'not related before the edit');
    const steps: [string, () => Promise<void>][] = [
      ['edit a body', async () => {
        const file = path.join(posts, 'nginx-rate-limit.md');
        await writeFile(file, `${await readFile(file, 'utf8')}\n\nOne more paragraph, added while serving.\n`);
      }],
      ['retitle a post', async () => {
        const file = path.join(posts, 'go-context-cancellation.md');
        await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: .*$/mu, 'title: Context cancellation, retitled'));
      }],
      ['relate a post to another by its text', async () => {
        const file = path.join(posts, 'systemtap-quickstart.md');
        const text = 'PostgreSQL indexes: B-tree indexes, partial indexes, covering indexes and index-only scans; read the plan before adding an index.';
        await writeFile(file, `${await readFile(file, 'utf8')}\n\n${text}\n`);
      }],
      // On a fifth post the footer is boilerplate: auto-tagging leaves it out, also on the post that
      // had it from the start and was not edited, whose kept tagging must not stand.
      ['put the footer on four more posts', async () => {
        for (const name of ['docker-storage-drivers.md', 'helm-chart-templates.md', 'rest-api-design-guide.md', 'nginx-rate-limit.md']) {
          const file = path.join(posts, name);
          await writeFile(file, `${await readFile(file, 'utf8')}${footer}`);
        }
      }],
      ['add a post', () => writeFile(path.join(posts, 'added.md'), '---\ntitle: Added while serving\ndate: 2030-01-01 10:00:00\ntags: [Go]\n---\n\nNew.\n')],
      ['rename a post', () => rename(path.join(posts, 'postgres-index-notes.md'), path.join(posts, 'postgres-indexes.md'))],
      ['delete a post', () => unlink(path.join(posts, 'docker-storage-drivers.md'))],
    ];
    for (const [what, change] of steps) {
      const result = await nextUpdate(change);
      assert.equal(result.error, null, what);
      assert.deepEqual(result.problems, [], what);
      assert.equal(result.kind, 'pages', `${what}: only the pages it touched are rendered again, not the whole site`);
      if (what === 'edit a body') assert.notEqual(result.editedPageMs, null, 'the edited page is written ahead of the rest');
      if (what.startsWith('relate')) {
        // Another post's page changes: its related posts now list the edited one.
        await server.idle();
        assert.match(relatedOf(await postgresPage()), /SystemTap 快速入门/u, what);
      }
    }
    // The last save may have come as two events: the update of the second finishes the work.
    await server.idle();
    // futurePosts is off: the post dated 2030 is left out of both.
    const { differing, built } = await differingFromColdBuild(t, project, server.root());
    if (differing.length > 0 && process.env.KEEP_DIFF) {
      await cp(server.root(), '/tmp/preview-diff-served', { recursive: true });
      await cp(built, '/tmp/preview-diff-cold', { recursive: true });
    }
    assert.deepEqual(differing, [], 'files that differ between the serve session and a cold build');
  } finally {
    await server.close();
  }
});
