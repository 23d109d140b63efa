import assert from 'node:assert/strict';
import test from 'node:test';
import { dateFromFileName, parseDate, stripDatePrefix } from '../../src/content/dates.ts';

test('parseDate', async (t) => {
  const cases: [string, string, string][] = [
    // value, zone, expected instant
    ['2016-12-05 07:59:01', 'Asia/Shanghai', '2016-12-04T23:59:01.000Z'],
    ['2016-12-05 07:59', 'Asia/Shanghai', '2016-12-04T23:59:00.000Z'],
    ['2016-12-05', 'Asia/Shanghai', '2016-12-04T16:00:00.000Z'],
    ['2016/12/05 07:59:01', 'Asia/Shanghai', '2016-12-04T23:59:01.000Z'],
    ['2016/1/5', 'UTC', '2016-01-05T00:00:00.000Z'],
    ['2016-12-05T07:59:01+08:00', 'UTC', '2016-12-04T23:59:01.000Z'],
    ['2016-12-05T07:59:01Z', 'Asia/Shanghai', '2016-12-05T07:59:01.000Z'],
    ['2016-12-05 07:59:01 -0500', 'Asia/Shanghai', '2016-12-05T12:59:01.000Z'],
    ['2016-12-05T07:59:01.250+08:00', 'UTC', '2016-12-04T23:59:01.250Z'],
    ['  2016-12-05 07:59:01  ', 'UTC', '2016-12-05T07:59:01.000Z'],
    ['2016-07-01 12:00:00', 'America/New_York', '2016-07-01T16:00:00.000Z'],
  ];
  for (const [value, zone, expected] of cases) {
    await t.test(`should read ${JSON.stringify(value)} in ${zone}`, () => {
      assert.equal(parseDate(value, zone)?.toISOString(), expected);
    });
  }

  for (const bad of ['2016-13-45', '2016-02-30', '2016-12-05 25:00', 'yesterday', '', '20161205']) {
    await t.test(`should refuse ${JSON.stringify(bad)}`, () => {
      assert.equal(parseDate(bad, 'UTC'), null);
    });
  }

  await t.test('should refuse non-text values', () => {
    assert.equal(parseDate(['2016-12-05'], 'UTC'), null);
    assert.equal(parseDate(2016, 'UTC'), null);
  });
});

test('dateFromFileName', async (t) => {
  await t.test('should read a YYYY-MM-DD- or YYYY-MM-DD_ prefix in the zone', () => {
    assert.equal(dateFromFileName('2019-03-14-ebpf-intro.md', 'Asia/Shanghai')?.toISOString(), '2019-03-13T16:00:00.000Z');
    assert.equal(dateFromFileName('2019-03-14_ebpf.md', 'UTC')?.toISOString(), '2019-03-14T00:00:00.000Z');
  });
  await t.test('should ignore names without the prefix', () => {
    assert.equal(dateFromFileName('2016_summary.md', 'UTC'), null);
    assert.equal(dateFromFileName('2019-03-14.md', 'UTC'), null);
  });
  await t.test('should strip the prefix, but not to nothing', () => {
    assert.equal(stripDatePrefix('2019-03-14-ebpf-intro'), 'ebpf-intro');
    assert.equal(stripDatePrefix('Alpine Linux'), 'Alpine Linux');
  });
});
