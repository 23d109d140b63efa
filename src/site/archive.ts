import { DateTime } from 'luxon';
import type { Post } from '../content/post.ts';

export interface ArchiveMonth {
  year: number;
  month: number;
  /** `/archives/2016/12/` */
  url: string;
  posts: Post[];
}

export interface ArchiveYear {
  year: number;
  url: string;
  posts: Post[];
  months: ArchiveMonth[];
}

/** Groups posts (newest first) by year and month in the site's time zone. */
export function groupByMonth(posts: readonly Post[], timezone: string): ArchiveYear[] {
  const years = new Map<number, ArchiveYear>();
  for (const post of posts) {
    const local = DateTime.fromJSDate(post.date, { zone: timezone });
    let year = years.get(local.year);
    if (!year) {
      year = { year: local.year, url: `/archives/${local.year}/`, posts: [], months: [] };
      years.set(local.year, year);
    }
    year.posts.push(post);
    let month = year.months.find((m) => m.month === local.month);
    if (!month) {
      month = { year: local.year, month: local.month, url: `/archives/${local.year}/${pad(local.month)}/`, posts: [] };
      year.months.push(month);
    }
    month.posts.push(post);
  }
  return [...years.values()];
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
