import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import { packageDir, resolveTheme } from '../../src/config/runtime.ts';
import { makeProject } from '../content/helpers.ts';

// projectTemplates decides whether a build may let go of the posts' text and whether serve signs a
// term page by its posts' URLs alone: both are safe only with weeklog's templates and config.
test('resolveTheme#projectTemplates', async (t) => {
  await t.test('should be false for a project with only settings and content', async () => {
    const dir = await makeProject({ 'weeklog.config.yml': 'title: T\n', 'content/a.md': '# A\n' });
    const theme = resolveTheme(dir);
    assert.equal(theme.templatesDir, path.join(packageDir, 'templates'));
    assert.equal(theme.projectTemplates, false);
  });

  await t.test('should be true for a project with its own templates/', async () => {
    const dir = await makeProject({ 'weeklog.config.yml': 'title: T\n', 'templates/post.njk': '{{ post.text }}\n' });
    assert.equal(resolveTheme(dir).projectTemplates, true);
  });

  await t.test('should be true for a project with its own .eleventy.ts, which may add templates from anywhere', async () => {
    const dir = await makeProject({ 'weeklog.config.yml': 'title: T\n', '.eleventy.ts': 'export default function () {}\n' });
    assert.equal(resolveTheme(dir).projectTemplates, true);
  });

  await t.test('should be false for weeklog’s own folder as the project (npm start)', () => {
    assert.equal(resolveTheme(packageDir).projectTemplates, false);
  });
});
