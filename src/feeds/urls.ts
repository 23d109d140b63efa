/** Root-relative, unencoded feed locations of the site (`/`) or of a term page URL. */
export function feedUrls(termUrl = '/'): { atom: string; rss: string; json: string } {
  const base = termUrl.endsWith('/') ? termUrl : `${termUrl}/`;
  return { atom: `${base}atom.xml`, rss: `${base}rss.xml`, json: `${base}feed.json` };
}
