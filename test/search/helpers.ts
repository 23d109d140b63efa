import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Post } from '../../src/content/post.ts';
import type { Section } from '../../src/markdown/types.ts';
import { validateSettings } from '../../src/config/settings.ts';
import type { OutputFile } from '../../src/taxonomy/types.ts';
import { createSearchEngine } from '../../src/search/client/engine.ts';
import { makePost as makeAnyPost } from '../helpers/make-post.ts';

export const settings = validateSettings({ title: 'Test', url: 'https://example.com/' });

/** A post with only what search reads filled in meaningfully. */
export function makePost(fields: { slug: string; title: string; date?: string; categories?: string[]; sections: Section[] }): Post {
  const text = fields.sections.map((s) => s.text).join('\n');
  return makeAnyPost({
    file: `content/${fields.slug}.md`,
    relativePath: `${fields.slug}.md`,
    // The search index re-tokenises a post only when its hash changes: any edit to what it reads must change it.
    hash: createHash('sha256').update(JSON.stringify([fields.title, fields.sections])).digest('hex'),
    title: fields.title,
    date: new Date(fields.date ?? '2020-01-01T00:00:00Z'),
    categories: fields.categories ?? [],
    url: `/${fields.slug}/`,
    html: '',
    text,
    sections: fields.sections,
  });
}

export const section = (anchor: string | null, heading: string, text: string): Section => ({ anchor, heading, text });

/** A small corpus covering the cases the tests check. */
export function fixturePosts(): Post[] {
  return [
    makePost({
      slug: 'msec',
      title: 'Weekly reading list',
      date: '2016-12-04T23:59:01Z',
      categories: ['Readings'],
      sections: [
        section('分布式后台毫秒服务引擎', '分布式后台毫秒服务引擎', '腾讯QQ团队开源了毫秒服务引擎，它集RPC、名字发现服务、负载均衡于一体。\n服务发现与负载均衡：集中管理每个服务的IP地址。'),
        section('understanding-selinux-roles', 'Understanding SELinux Roles', 'SELinux label包含4个部分 user_u:role_r:type_t:level，每个用户可以访问的角色。'),
      ],
    }),
    makePost({
      slug: 'split-words',
      title: '运维笔记',
      categories: ['Ops'],
      sections: [section(null, '', '这里提到了服务，然后很久以后才讲到发现问题的方法。服务的业务发布流程也在这里。')],
    }),
    makePost({
      slug: 'systemtap',
      title: 'SystemTap 快速入门',
      categories: ['Linux', 'Tracing'],
      sections: [
        section(null, '', 'SystemTap 是 Linux 下的动态追踪工具。'),
        section('探针', '探针', 'SystemTap 探针 可以挂在内核函数上，probe kernel.function("sys_open")。'),
        section('node-js', 'Node.js 追踪', '用 node.js 的 USDT 探针 追踪 JavaScript 代码。'),
      ],
    }),
    makePost({
      slug: 'restful',
      title: 'Better RESTful API',
      categories: ['API'],
      sections: [
        section('版本号', 'API 版本号', 'RESTful API 版本号 可以放在 URL 里，也可以放在 Header 里。分布式事务与版本控制无关。'),
        section('用户名', '用户名', '用户名不要出现在 URL 中。设备文件在 /dev 下面。'),
      ],
    }),
  ];
}

/** Writes output files into a fresh temporary folder. */
export async function writeOutput(files: OutputFile[], prefix = 'weeklog-search-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  for (const file of files) {
    const target = path.join(dir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.body);
  }
  return dir;
}

/** The client's engine reading a written `search/` folder from disk. */
export function engineOnDisk(siteDir: string) {
  return createSearchEngine(async (file) => JSON.parse(await readFile(path.join(siteDir, 'search', file), 'utf8')));
}
