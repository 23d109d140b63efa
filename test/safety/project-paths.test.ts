import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { ProjectPaths, realPathOf } from '../../src/content/project-paths.ts';
import { tempDir } from './helpers.ts';

test('ProjectPaths', async (t) => {
  const parent = realPathOf(await tempDir('paths'));
  const project = path.join(parent, 'project');
  await mkdir(path.join(project, 'content/posts'), { recursive: true });
  await mkdir(path.join(project, 'public'), { recursive: true });
  await mkdir(path.join(project, '.git'), { recursive: true });
  await mkdir(path.join(parent, 'elsewhere'));
  await writeFile(path.join(parent, 'elsewhere/secret.txt'), 'secret');
  await writeFile(path.join(project, '.git/config'), '[core]');
  await writeFile(path.join(project, 'content/posts/a.png'), 'png');
  await symlink(path.join(project, 'content/posts/a.png'), path.join(project, 'public/inside.png'));
  await symlink(path.join(parent, 'elsewhere/secret.txt'), path.join(project, 'public/outside.txt'));
  await symlink('../../elsewhere', path.join(project, 'public/outside-folder'));
  const paths = new ProjectPaths({ projectDir: project, contentDir: path.join(project, 'content'), publicDir: path.join(project, 'public') });
  const posts = path.join(project, 'content/posts');

  await t.test('should give the real path of a file inside, through a symlink or not', () => {
    assert.deepEqual(paths.resolveFile(path.join(posts, 'a.png')), { kind: 'inside', path: path.join(posts, 'a.png') });
    assert.deepEqual(paths.resolveFile(path.join(project, 'public/inside.png')), { kind: 'inside', path: path.join(posts, 'a.png') });
  });

  await t.test('should refuse what leads outside: as written, through a symlink, into .git, even when missing', () => {
    assert.deepEqual(paths.resolveFile(path.join(posts, '../../../elsewhere/secret.txt')), { kind: 'outside', path: path.join(parent, 'elsewhere/secret.txt') });
    assert.deepEqual(paths.resolveFile(path.join(project, 'public/outside.txt')), { kind: 'outside', path: path.join(parent, 'elsewhere/secret.txt') });
    assert.deepEqual(paths.resolveFile(path.join(project, 'public/outside-folder/secret.txt')), { kind: 'outside', path: path.join(parent, 'elsewhere/secret.txt') });
    assert.equal(paths.resolveFile(path.join(posts, '../../.git/config')).kind, 'outside');
    assert.equal(paths.resolveFile('/no/such/file').kind, 'outside');
  });

  await t.test('should call a file inside that does not exist missing, and a folder no file', () => {
    assert.equal(paths.resolveFile(path.join(posts, 'b.png')).kind, 'missing');
    assert.equal(paths.resolveFile(posts).kind, 'missing');
  });

  await t.test('should list the symlinks leaving a folder, once each, without descending through them', () => {
    assert.deepEqual(
      paths.linksLeaving(path.join(project, 'public')).sort((a, b) => a.link.localeCompare(b.link)),
      [
        { link: 'outside-folder', target: path.join(parent, 'elsewhere') },
        { link: 'outside.txt', target: path.join(parent, 'elsewhere/secret.txt') },
      ],
    );
    assert.equal(paths.isLinkLeaving(path.join(project, 'public/outside.txt')), true);
    assert.equal(paths.isLinkLeaving(path.join(project, 'public/inside.png')), false);
  });
});
