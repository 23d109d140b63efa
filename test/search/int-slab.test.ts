import assert from 'node:assert/strict';
import test from 'node:test';
import { IntSlab } from '../../src/search/int-slab.ts';

test('IntSlab', async (t) => {
  await t.test('should give each copy its own values, unchanged by later copies and by the source', () => {
    const slab = new IntSlab();
    const source = Int32Array.from([1, 2, 3, 4, 5]);
    const first = slab.copy(source, 3);
    source.set([7, 8, 9, 10, 11]);
    const second = slab.copy(source, 5);
    assert.deepEqual([...first], [1, 2, 3]);
    assert.deepEqual([...second], [7, 8, 9, 10, 11]);
    assert.equal(first.buffer, second.buffer, 'small copies share one buffer');
    assert.ok(first.buffer.byteLength >= 32 * 1024 * 1024, 'above glibc’s largest mmap threshold');
  });

  await t.test('should take a copy larger than a buffer, and an empty one', () => {
    const slab = new IntSlab();
    const large = new Int32Array(9 * 1024 * 1024).map((_, i) => i);
    const copy = slab.copy(large, large.length);
    assert.equal(copy.length, large.length);
    assert.equal(copy[large.length - 1], large.length - 1);
    assert.equal(slab.copy(large, 0).length, 0);
  });
});
