import assert from 'node:assert/strict';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { fixtures, runCli, tempDir } from './helpers.ts';

/** A copy of a fixture site, so nothing a run writes (caches) lands in the repository. */
async function copyOf(name: string): Promise<string> {
  const dir = await tempDir(name);
  await cp(path.join(fixtures, name), dir, { recursive: true });
  return dir;
}

test('weeklog check', async (t) => {
  const cwd = await copyOf('check-site');
  const run = await runCli(['check'], { cwd });
  const lines = run.stdout.split('\n');

  await t.test('should exit 1 and write nothing when there are errors', async () => {
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(lines.at(-2), 'Checked 5 posts: 6 errors, 3 warnings.');
  });

  await t.test('should report broken internal links and anchors at their place, Chinese anchors included', () => {
    const links = 'content/posts/2016-12-06-links.md';
    const expected = [
      `${links}:14:9  Link \`/2016/12/05/target/#不存在\` points to #不存在, which is no heading on /2016/12/05/target/. Use the id of an existing heading.`,
      `${links}:15:9  Link \`/2016/12/05/missing/\` points to /2016/12/05/missing/, which is no page of this site. Fix the URL or remove the link.`,
      `${links}:16:10  Link \`https://notes.example.com/2016/12/07/gone/\` points to /2016/12/07/gone/, which is no page of this site. Fix the URL or remove the link.`,
      `${links}:17:11  Link \`#nope\` points to #nope, which is no heading on /2016/12/06/links/. Use the id of an existing heading.`,
    ];
    assert.deepEqual(
      lines.filter((l) => l.startsWith(links)),
      expected,
    );
  });

  await t.test("should list the content module's problems, errors before warnings, sorted by file", () => {
    const errorsAt = lines.indexOf('6 errors:');
    const warningsAt = lines.indexOf('3 warnings:');
    assert.ok(errorsAt === 0 && warningsAt === 7, run.stdout);
    const errors = lines.slice(errorsAt + 1, warningsAt);
    const warnings = lines.slice(warningsAt + 1, warningsAt + 4);
    const files = (group: string[]) => group.map((l) => l.split(':')[0]);
    assert.deepEqual(files(errors), [...files(errors)].sort());
    // Front matter error and URL collision are errors; the missing image, unknown language and missing date warnings.
    assert.match(errors[4]!, /^content\/posts\/2016-12-07-front-matter\.md:3:1  .*not valid YAML/);
    assert.match(errors[5]!, /^content\/posts\/2016-12-09-second\.md:\d+:\d+  .*2016-12-08-first\.md.*\/same\//);
    assert.match(warnings[0]!, /^content\/posts\/2016-12-10-media\.md:6:1  .*img\/missing\.png/);
    assert.match(warnings[1]!, /^content\/posts\/2016-12-10-media\.md:8:1  .*`stpx`/);
    assert.match(warnings[2]!, /^content\/posts\/untitled\.md:1:1  The post has no date/);
  });

  await t.test('should accept valid links of every kind', () => {
    // Encoded and unencoded Chinese anchors, relative, public file, tag page, home, same-page anchor, other sites.
    for (const fine of ['#安装步骤', '%E5%AE%89', '../../05/target/', '/images/logo.gif', '/tags/linux/', '#本页标题', 'example.org']) {
      assert.ok(!run.stdout.includes(fine), `${fine} reported:\n${run.stdout}`);
    }
  });

  await t.test('should colour only on a terminal without NO_COLOR', async () => {
    assert.doesNotMatch(run.stdout, /\x1b\[/);
    const tty = await runCli(['check'], { cwd, isTTY: true });
    assert.match(tty.stdout, /\x1b\[31m/);
    const noColor = await runCli(['check'], { cwd, isTTY: true, env: { NO_COLOR: '' } });
    assert.equal(noColor.stdout, run.stdout);
  });

  await t.test('should report what the taxonomy step of a build reports: suggested tags and a broken vocabulary', async () => {
    const dir = await tempDir('check-taxonomy');
    await mkdir(path.join(dir, 'content/posts'), { recursive: true });
    await writeFile(path.join(dir, 'content/posts/2016-12-05-k8s.md'), '---\ntitle: k8s\ndate: 2016-12-05 10:00:00\ntags: []\n---\n\n## kubectl 入门\n\n用 kubectl 管理 Kubernetes。\n');
    await writeFile(path.join(dir, 'weeklog.config.yml'), 'autoTag: suggest\n');
    const suggest = await runCli(['check'], { cwd: dir });
    assert.equal(suggest.code, 0, suggest.stdout + suggest.stderr);
    assert.match(suggest.stdout, /^content\/posts\/2016-12-05-k8s\.md:4:7  could be tagged: Kubernetes\. /m);
    assert.match(suggest.stdout, /Checked 1 post: 0 errors, 1 warning\.\n$/);

    await writeFile(path.join(dir, 'tags.yml'), '- not\n- a map\n');
    await writeFile(path.join(dir, 'weeklog.config.yml'), 'autoTag: add\ntagVocabulary: tags.yml\n');
    const broken = await runCli(['check'], { cwd: dir });
    const build = await runCli(['build', '--output', path.join(dir, 'site')], { cwd: dir });
    assert.equal(broken.code, 3);
    assert.equal(broken.stderr, 'tags.yml: the tag vocabulary must be a map of tag names to term lists. Write each tag as `Name: [term, term]`.\n');
    assert.equal(build.code, 3);
    assert.ok(build.stderr.startsWith(broken.stderr), build.stderr);
  });

  await t.test('should exit 0 on a clean site', async () => {
    const clean = await tempDir('check-clean');
    await cp(path.join(fixtures, 'check-site/weeklog.config.yml'), path.join(clean, 'weeklog.config.yml'));
    await cp(path.join(fixtures, 'check-site/content/posts/2016-12-05-target.md'), path.join(clean, 'content/posts/2016-12-05-target.md'), { recursive: true });
    // A link to another post's Markdown file is a link to its page, anchor included.
    await writeFile(
      path.join(clean, 'content/posts/2016-12-06-ok.md'),
      '---\ntitle: ok\ndate: 2016-12-06 10:00:00\n---\n\n[安装](/2016/12/05/target/#安装步骤) [源文件](./2016-12-05-target.md#安装步骤)\n',
    );
    const ok = await runCli(['check'], { cwd: clean });
    assert.equal(ok.code, 0, ok.stdout);
    assert.equal(ok.stdout, 'Checked 2 posts: no problems found.\n');

    await writeFile(path.join(clean, 'content/posts/2016-12-07-gone.md'), '---\ntitle: gone\ndate: 2016-12-07 10:00:00\n---\n\n[不在](./2016-12-01-none.md)\n');
    const gone = await runCli(['check'], { cwd: clean });
    assert.equal(gone.code, 1);
    assert.match(gone.stdout, /^content\/posts\/2016-12-07-gone\.md:6:6  Link `\.\/2016-12-01-none\.md` points to \/2016\/12\/07\/gone\/2016-12-01-none\.md, which is no page/m);
  });
});
