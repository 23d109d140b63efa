import assert from 'node:assert/strict';
import test from 'node:test';
import { DateTime } from 'luxon';
import type { Post } from '../../src/content/post.ts';
import { groupByMonth } from '../../src/site/archive.ts';

/** Each date's year and month in `zone`, asked of luxon one by one: what groupByMonth must agree with. */
function grouped(dates: Date[], zone: string): string {
  const years = new Map<number, Map<number, number[]>>();
  for (const date of dates) {
    const local = DateTime.fromJSDate(date, { zone });
    if (!years.has(local.year)) years.set(local.year, new Map());
    const months = years.get(local.year)!;
    if (!months.has(local.month)) months.set(local.month, []);
    months.get(local.month)!.push(date.getTime());
  }
  return JSON.stringify([...years].map(([year, months]) => [year, [...months].map(([month, times]) => [`/archives/${year}/${String(month).padStart(2, '0')}/`, times])]));
}

test('groupByMonth', async (t) => {
  await t.test('should put each post in its month in the site zone, at month ends and across daylight saving changes', () => {
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC+8']) {
      const dates: Date[] = [];
      let time = Date.UTC(2019, 0, 1);
      for (let i = 0; i < 600; i++) dates.push(new Date((time += ((i * 7919) % 97) * 3_600_000 + (i % 13) * 60_000)));
      // A millisecond either side of each month's start in the zone.
      const first = DateTime.fromObject({ year: 2019, month: 1 }, { zone });
      for (let month = 0; month < 30; month++) {
        const start = first.plus({ months: month }).toMillis();
        dates.push(new Date(start - 1), new Date(start), new Date(start + 1));
      }
      // Newest first, as posts come, and in no order.
      for (const order of [[...dates].sort((a, b) => b.getTime() - a.getTime()), dates]) {
        const years = groupByMonth(order.map((date) => ({ date }) as Post), zone);
        const got = JSON.stringify(years.map((year) => [year.year, year.months.map((month) => [month.url, month.posts.map((post) => post.date.getTime())])]));
        assert.equal(got, grouped(order, zone), zone);
      }
    }
  });
});
