/**
 * Ints are copied into large shared buffers (32 MB or more each) instead of an ArrayBuffer of their
 * own, for work space that dies all at once. A small ArrayBuffer's memory comes from malloc's main
 * heap, which returns freed memory to the system only from its top: a build's search index kept
 * ~32 000 small arrays (~120 MB at 4000 posts) until its postings were made, and the process held
 * that memory through the whole page phase. A buffer above glibc's largest mmap threshold (32 MB)
 * gets mappings of its own, given back when it is collected; pages never written are never taken.
 */
export class IntSlab {
  #buffer = new Int32Array(0);
  #used = 0;

  /** `length` values of `values`, in a view of the current buffer (a new one when it is full). */
  copy(values: Int32Array, length: number): Int32Array<ArrayBuffer> {
    if (this.#used + length > this.#buffer.length) {
      this.#buffer = new Int32Array(Math.max(SLAB_INTS, length));
      this.#used = 0;
    }
    const view = this.#buffer.subarray(this.#used, this.#used + length);
    view.set(values.subarray(0, length));
    this.#used += length;
    return view;
  }
}

/** 33 MB: above the most glibc ever makes its mmap threshold (32 MB on 64-bit). */
const SLAB_INTS = (33 * 1024 * 1024) / 4;
