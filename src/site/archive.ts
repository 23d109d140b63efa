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
  // The month of the post before and when it starts and ends: posts come newest first, so most fall in
  // the month of the one before, found by comparing times instead of asking luxon (most of a site
  // model's cost at 1000 posts, and `serve` makes two models per edit).
  let span: { from: number; to: number; year: number; month: number } | null = null;
  for (const post of posts) {
    const time = post.date.getTime();
    if (!span || !(time >= span.from && time < span.to)) {
      const date = DateTime.fromJSDate(post.date, { zone: timezone });
      const start = date.startOf('month');
      span = { from: start.toMillis(), to: start.plus({ months: 1 }).toMillis(), year: date.year, month: date.month };
    }
    const local = span;
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
