import type { Settings } from '../config/settings.ts';
import type { Post } from '../content/post.ts';
import type { LinkItem } from '../markdown/types.ts';
import { isSafeUrl } from '../urls.ts';
import type { Boilerplate } from '../content/boilerplate.ts';

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./u, '').toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The link items of a post that are recommendations: not a link the URL policy refuses,
 * not a link back into the site itself (previous issues), not one that starts a
 * boilerplate line (a footer's `[网络日志](…)`). Notes lose their boilerplate lines.
 */
export function recommendedItems(post: Pick<Post, 'linkItems'>, settings: Pick<Settings, 'url'>, boilerplate: Boilerplate): LinkItem[] {
  const siteHost = hostOf(settings.url);
  return (post.linkItems ?? [])
    .filter((item) => isSafeUrl(item.url) && hostOf(item.url) !== siteHost && !boilerplate.has(item.context))
    .map((item) => ({ ...item, text: boilerplate.strip(item.text) }));
}
