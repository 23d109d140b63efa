import assert from 'node:assert/strict';
import test from 'node:test';
import { renderMarkdown } from '../../src/markdown/render.ts';

const path = 'content/posts/reading.md';

test('assets', async (t) => {
  await t.test('should collect local files with kind and place, and leave the URLs unchanged', async () => {
    const input = [
      '![](img/a.png) ![b](./img/b%20c.png?v=2#x)', // 1
      '',
      '[论文](../shared/c.pdf) [页面](../other/) [文章](/2016/12/05/post.html) [站外](https://x.example/y.pdf)',
      '',
      '<img src="/images/x.jpg" srcset="/images/x@2x.jpg 2x, img/x-small.jpg 480w">', // 5
      '',
      '<video src="media/v.mp4" poster="media/p.jpg"></video>',
      '',
      '<audio src="//cdn.example/a.mp3"></audio> [邮件](mailto:a@b.c) [锚](#top) ![](data:image/png;base64,AAAA)',
      '',
      '<picture><source srcset="img/w.webp"><img src="img/w.png"></picture> [下载](/files/tool.zip)',
    ].join('\n');
    const { assets, html } = await renderMarkdown(input, { path, lineOffset: 10 });
    assert.deepEqual(assets, [
      { url: 'img/a.png', kind: 'relative', line: 11, column: 1 },
      { url: './img/b c.png', kind: 'relative', line: 11, column: 16 },
      { url: '../shared/c.pdf', kind: 'relative', line: 13, column: 1 },
      { url: '/images/x.jpg', kind: 'root', line: 15, column: 1 },
      { url: '/images/x@2x.jpg', kind: 'root', line: 15, column: 1 },
      { url: 'img/x-small.jpg', kind: 'relative', line: 15, column: 1 },
      { url: 'media/v.mp4', kind: 'relative', line: 17, column: 1 },
      { url: 'media/p.jpg', kind: 'relative', line: 17, column: 1 },
      { url: 'img/w.webp', kind: 'relative', line: 21, column: 10 },
      { url: 'img/w.png', kind: 'relative', line: 21, column: 38 },
      { url: '/files/tool.zip', kind: 'root', line: 21, column: 70 },
    ]);
    assert.match(html, /src="\.\/img\/b%20c\.png\?v=2#x"/);
    assert.match(html, /src="img\/a\.png"/);
  });
});

test('outline', async (t) => {
  const input = [
    '本周推荐阅读。', // 1
    '',
    '## [分布式后台毫秒服务引擎](http://mp.weixin.qq.com/s?__biz=MjM5#wechat_redirect)', // 3
    '',
    '> 腾讯开源了 MSEC。',
    '',
    '```bash',
    'docker run msec',
    '```',
    '',
    '### 小结', // 11
    '',
    '值得一看。',
    '',
    '## [Understanding SELinux Roles](https://www.danwalsh.livejournal.com/75683.html) 英文', // 15
    '',
    'label 有 4 个部分。',
    '',
    '# [Docker收购Infinit](https://blog.docker.com/2016/12/) [PDF](/assets/infinit.pdf)', // 19
    '',
    '分布式存储。',
    '',
    '#### [太深的链接](https://deep.example/)', // 23
    '',
    '## 普通标题',
    '',
    '不是链接。',
  ].join('\n');

  await t.test('should list headings that start with a link as link items with their notes', async () => {
    const { linkItems } = await renderMarkdown(input, { path, lineOffset: 6 });
    assert.deepEqual(linkItems, [
      {
        title: '分布式后台毫秒服务引擎',
        url: 'http://mp.weixin.qq.com/s?__biz=MjM5#wechat_redirect',
        domain: 'mp.weixin.qq.com',
        anchor: '分布式后台毫秒服务引擎',
        depth: 2,
        line: 9,
        column: 4,
        text: '腾讯开源了 MSEC。\n\n小结\n\n值得一看。',
        section: '',
        shape: 'heading',
        context: '分布式后台毫秒服务引擎',
      },
      {
        title: 'Understanding SELinux Roles',
        url: 'https://www.danwalsh.livejournal.com/75683.html',
        domain: 'danwalsh.livejournal.com',
        anchor: 'understanding-selinux-roles-英文',
        depth: 2,
        line: 21,
        column: 4,
        text: 'label 有 4 个部分。',
        section: '',
        shape: 'heading',
        context: 'Understanding SELinux Roles 英文',
      },
      {
        title: 'Docker收购Infinit',
        url: 'https://blog.docker.com/2016/12/',
        domain: 'blog.docker.com',
        anchor: 'docker收购infinit-pdf',
        depth: 1,
        line: 25,
        column: 3,
        text: '分布式存储。\n\n太深的链接\n普通标题\n\n不是链接。',
        section: '',
        shape: 'heading',
        context: 'Docker收购Infinit PDF',
      },
    ]);
  });

  await t.test('should split sections at headings, keep code in sections and leave it out of text', async () => {
    const { sections, text } = await renderMarkdown(input, { path });
    assert.deepEqual(
      sections.map((s) => [s.anchor, s.heading, s.linkUrl ?? null]),
      [
        [null, '', null],
        ['分布式后台毫秒服务引擎', '分布式后台毫秒服务引擎', 'http://mp.weixin.qq.com/s?__biz=MjM5#wechat_redirect'],
        ['小结', '小结', null],
        ['understanding-selinux-roles-英文', 'Understanding SELinux Roles 英文', 'https://www.danwalsh.livejournal.com/75683.html'],
        ['docker收购infinit-pdf', 'Docker收购Infinit PDF', 'https://blog.docker.com/2016/12/'],
        ['太深的链接', '太深的链接', null],
        ['普通标题', '普通标题', null],
      ],
    );
    assert.equal(sections[0].text, '本周推荐阅读。');
    assert.equal(sections[1].text, '腾讯开源了 MSEC。\n\ndocker run msec');
    assert.doesNotMatch(text, /docker run/);
    assert.match(text, /本周推荐阅读。[\s\S]*值得一看。[\s\S]*不是链接。/);
    assert.doesNotMatch(text, /#/, 'heading anchors are not text');
  });

  await t.test('should not make an empty section before a leading heading', async () => {
    const { sections } = await renderMarkdown('## 一\n\n正文\n', { path });
    assert.deepEqual(sections, [{ anchor: '一', heading: '一', text: '正文' }]);
  });
});
