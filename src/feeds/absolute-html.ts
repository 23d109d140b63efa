export interface AbsoluteBase {
  /** The post's absolute, encoded URL: base for `img/a.png`, `../b/` and `#anchor`. */
  pageUrl: string;
  /** The site's absolute URL, maybe with a path: base for root URLs such as `/images/x.jpg`. */
  siteUrl: string;
}

/** One URL made absolute; values that are not URLs (or `mailto:`, `data:`) are returned as they were. */
export function absolutizeUrl(value: string, base: AbsoluteBase): string {
  const trimmed = value.trim();
  if (trimmed === '') return base.pageUrl; // an empty reference means the page itself
  try {
    if (trimmed.startsWith('/') && !trimmed.startsWith('//')) {
      // Root URLs point into the site, which may live under a path (`https://x.org/blog/`).
      return new URL(trimmed.slice(1), base.siteUrl).href;
    }
    return new URL(trimmed, base.pageUrl).href;
  } catch {
    return value;
  }
}
