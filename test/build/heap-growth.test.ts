import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import * as heapGrowth from '../../src/build/heap-growth.ts';

const weeklogDir = path.resolve(fileURLToPath(import.meta.url), '../../..');

test('limitHeapGrowth', async (t) => {
  // A valid value is not set here: the flag would stay for every other test of this process.
  await t.test('should refuse a growth that is not a whole number of percent above 0', () => {
    for (const percent of [0, -5, 1.5, Number.NaN]) assert.throws(() => heapGrowth.limitHeapGrowth(percent), RangeError);
  });

  await t.test('should collect the garbage already there, so the limit counts from what is alive', () => {
    // In a process of its own, for the flags. ~100 MB of arrays that outlive the young generation, then let go.
    const script = `
      import { limitHeapGrowth } from ${JSON.stringify(path.join(weeklogDir, 'src/build/heap-growth.ts'))};
      let kept = [];
      for (let i = 0; i < 200; i++) kept.push(new Array(60000).fill(i));
      const alive = kept.slice(0, 10);
      kept = null;
      const before = process.memoryUsage().heapUsed;
      limitHeapGrowth(25);
      const after = process.memoryUsage().heapUsed;
      console.log(JSON.stringify({ before, after, alive: alive.length }));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: weeklogDir, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const { before, after } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { before: number; after: number };
    assert.ok(before - after > 60 * 1024 * 1024, `heap used ${before} -> ${after} bytes`);
  });
});
