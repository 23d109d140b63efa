import type { OutputFile } from '../taxonomy/types.ts';
import type { ComposedPostings } from './compose-postings.ts';
import { groupKey, PREFIX_WORDS, shardOf, type ShardEntry } from './format.ts';
import type { TokenTable } from './token-ids.ts';

/** How the postings were laid out, for `SearchMeta` and the build's statistics. */
export interface ShardLayout {
  shards: number;
  /** Tokens whose postings have a file of their own. */
  ownFiles: number;
}

/**
 * The postings files: a long list gets a file of its own (`search/p/<n>.json`, yielded as met);
 * the short ones are spread over shards (`search/s/<k>.json`) by hash, each shard made only when
 * its turn comes. `layout` is filled in before the first shard is yielded.
 */
export function* shardFiles(
  postings: ComposedPostings,
  table: TokenTable,
  options: { shardChars: number; ownFileChars: number },
  layout: ShardLayout,
): Generator<OutputFile> {
  const { order, counts, encoded } = postings;
  const own = new Int32Array(order.length).fill(-1);
  let inlineChars = 0;
  let ownFiles = 0;
  for (let place = 0; place < order.length; place++) {
    if (encoded[place]!.length > options.ownFileChars) {
      yield { path: `search/p/${ownFiles}.json`, body: JSON.stringify(encoded[place]) };
      own[place] = ownFiles++;
      encoded[place] = '';
    } else inlineChars += encoded[place]!.length + table.token(order[place]!).length;
  }
  const shardCount = Math.max(1, Math.ceil(inlineChars / options.shardChars));
  layout.shards = shardCount;
  layout.ownFiles = ownFiles;
  const entryOf = (place: number): ShardEntry => [counts[place]!, own[place]! >= 0 ? own[place]! : encoded[place]!];

  // Each shard's entries in the order they are written: a token's place in `order`, or -1 - n for
  // the n-th note that a group's other words are elsewhere. A token's shard: see `groupKey`.
  const shards = Array.from({ length: shardCount }, (): number[] => []);
  const notes: ShardEntry[] = [];
  const noteKeys: string[] = [];
  // The most frequent words of each two-character group go to the group's shard, for prefix queries.
  const groups = new Map<string, number[]>();
  for (let place = 0; place < order.length; place++) {
    const key = groupKey(table.token(order[place]!));
    if (key === undefined) continue;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(place);
  }
  const grouped = new Uint8Array(order.length);
  for (const [key, group] of groups) {
    group.sort((a, b) => counts[b]! - counts[a]! || (table.token(order[a]!) < table.token(order[b]!) ? -1 : 1));
    const shard = shards[shardOf(key, shardCount)]!;
    for (const place of group.slice(0, PREFIX_WORDS)) (grouped[place] = 1), shard.push(place);
    // Tells the client that the group's other words are elsewhere, so a word missing here is worth a second look.
    if (group.length > PREFIX_WORDS) {
      shard.push(-1 - notes.length);
      notes.push([group.length - PREFIX_WORDS, '']);
      noteKeys.push(`\0${key}`);
    }
  }
  groups.clear();
  for (let place = 0; place < order.length; place++) {
    if (!grouped[place]) {
      const token = table.token(order[place]!);
      shards[shardOf(token, shardCount)]!.push(place);
    }
  }
  for (let k = 0; k < shardCount; k++) {
    // Entries, then fromEntries: a token such as `__proto__` must stay an ordinary key.
    const entries = shards[k]!.map((at): [string, ShardEntry] => (at >= 0 ? [table.token(order[at]!), entryOf(at)] : [noteKeys[-1 - at]!, notes[-1 - at]!]));
    shards[k] = [];
    yield { path: `search/s/${k}.json`, body: JSON.stringify(Object.fromEntries(entries)) };
  }
}
