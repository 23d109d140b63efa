import assert from 'node:assert/strict';
import test from 'node:test';
import * as heapGrowth from '../../src/build/heap-growth.ts';

test('limitHeapGrowth', async (t) => {
  // A valid value is not set here: the flag would stay for every other test of this process.
  await t.test('should refuse a growth that is not a whole number of percent above 0', () => {
    for (const percent of [0, -5, 1.5, Number.NaN]) assert.throws(() => heapGrowth.limitHeapGrowth(percent), RangeError);
  });
});
