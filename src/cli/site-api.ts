/**
 * The build, dev-server and content modules, imported lazily: `weeklog new`
 * and `--help` should not pay for loading Eleventy and shiki.
 */
export const loadWarmBuild = () => import('../build/warm-build.ts');
export const loadDevServer = () => import('../site/dev-server.ts');
export const loadPostsModule = () => import('../content/load-posts.ts');
export const loadSiteContentModule = () => import('../site/load-site.ts');
export const loadBuildContextModule = () => import('../build/context.ts');
