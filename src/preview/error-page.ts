import path from 'node:path';

const escape = (text: string) => text.replace(/[&<>"]/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The page served in place of every page while the last rebuild failed, so an
 * author never reads a stale page thinking it is current. Lists the error and
 * its causes (Eleventy wraps template errors two or three deep).
 */
export function errorPage(error: Error, projectDir: string): string {
  const chain: string[] = [];
  for (let cause: unknown = error; cause instanceof Error && chain.length < 6; cause = cause.cause) {
    chain.push(`${cause.name}: ${cause.message}`);
  }
  // Absolute paths inside the project read better relative to it, as problems are shown.
  const text = chain.join('\n\ncaused by ').split(projectDir + path.sep).join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Build failed · weeklog</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{white-space:pre-wrap;background:#fff4f4;border-left:4px solid #c00;padding:1rem}</style>
</head>
<body>
<main class="build-failed">
<h1>The last rebuild failed</h1>
<p>The pages are not shown because they may be out of date. Fix the file named below and save it; this page reloads by itself.</p>
<pre>${escape(text)}</pre>
</main>
</body>
</html>
`;
}
