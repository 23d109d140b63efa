import type { Post } from './post.ts';

/*
 * Issue numbers as digests write them: 第 12 期, 第12期, issue-12, Issue #12,
 * No. 12, Vol. 12, #12; else the last number in the file name (weekly-12.md).
 */
const issuePatterns = [/第\s*(\d+)\s*[期篇周回]/u, /\b(?:issue|no|vol|volume|week|weekly)[\s._#-]*(\d+)/iu, /#(\d+)/u];

/** The issue number of an undated post, from its title, else its file name; null when there is none. */
export function issueNumber(post: Pick<Post, 'title' | 'relativePath'>): number | null {
  const fileName = post.relativePath.split('/').at(-1)!.replace(/\.[^.]+$/u, '');
  for (const text of [post.title, fileName]) {
    for (const pattern of issuePatterns) {
      const match = pattern.exec(text);
      if (match) return Number(match[1]);
    }
  }
  const trailing = /(\d+)\D*$/u.exec(fileName);
  return trailing ? Number(trailing[1]) : null;
}

const natural = new Intl.Collator('en', { numeric: true });

/**
 * Newest first, by date. Posts dated only by their modification time (no front
 * matter, file-name or git date) have no real date: they form one block, placed
 * at the newest of their times, ordered by issue number, newest first, then by
 * file name in natural order (issue 10 after issue 9), newest first, so a
 * digest copied from an archive keeps its order.
 */
export function sortPosts(posts: Post[]): Post[] {
  const undated = posts.filter((post) => post.dateSource === 'mtime');
  const blockTime = Math.max(...undated.map((post) => post.date.getTime()));
  const numbers = new Map(undated.map((post) => [post, issueNumber(post)]));
  const time = (post: Post) => (post.dateSource === 'mtime' ? blockTime : post.date.getTime());
  return posts.sort((a, b) => {
    const byTime = time(b) - time(a);
    if (byTime !== 0) return byTime;
    if (a.dateSource === 'mtime' && b.dateSource === 'mtime') {
      const byNumber = (numbers.get(b) ?? -1) - (numbers.get(a) ?? -1);
      if (byNumber !== 0) return byNumber;
      return natural.compare(b.file, a.file);
    }
    return a.file.localeCompare(b.file);
  });
}
