// Runs real Hexo 8 on a site folder and prints what it generates, as JSON on stdout:
// every route, and each post's and page's source, path, title and date.
// The zone comes from the TZ environment variable, as with `hexo generate`.
import path from 'node:path';
import Hexo from 'hexo';

const plugins = ['hexo-renderer-marked', 'hexo-generator-index', 'hexo-generator-archive', 'hexo-generator-category', 'hexo-generator-tag'];

// Hexo joins its base folder with file names by concatenation: it must be absolute and end in a separator.
const hexo = new Hexo(path.resolve(process.argv[2]) + path.sep, { silent: true });
// hexo-cli sets this when the folder's package.json depends on hexo, as every Hexo site's does;
// without it Hexo ignores _config.yml.
hexo.env.init = true;
await hexo.init();
for (const name of plugins) await hexo.loadPlugin(new URL(import.meta.resolve(name)).pathname);
await hexo.load();
const describe = (doc) => ({ source: doc.source, path: doc.path, title: doc.title, date: doc.date.toISOString() });
const result = {
  routes: hexo.route.list().sort(),
  posts: hexo.locals.get('posts').map(describe),
  pages: hexo.locals.get('pages').map(describe),
};
process.stdout.write(JSON.stringify(result));
await hexo.exit();
