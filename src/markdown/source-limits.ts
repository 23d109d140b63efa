/**
 * micromark's work is not linear on every input: each line costs time in proportion to how deeply
 * its lists and quotes nest (and deep nesting overflows the stack later on), and the emphasis
 * markers of one paragraph are matched in time that grows with the square of their number
 * (`*a` × 50 000 took minutes). This scan runs before parsing, in linear time, and bounds both.
 */

export interface SourceLimits {
  /** Deepest nesting of lists and block quotes a line may reach. */
  maxNesting: number;
  /** Emphasis markers (runs of `*`, `_`, `~`) one paragraph may hold before they are shown as written. */
  maxMarkersPerBlock: number;
  /** Budget for the whole document: the sum over paragraphs of (markers)², the parser's cost. */
  maxMarkerWork: number;
}

export type SourceFinding =
  | { kind: 'nesting'; line: number; column: number; depth: number }
  | { kind: 'markers'; line: number; markers: number; reason: 'block' | 'document' };

export interface ScanResult {
  /** The document to parse: the input, with the markers of over-budget paragraphs escaped. */
  text: string;
  findings: SourceFinding[];
}

const FENCE = /^(`{3,}|~{3,})/u;
const MARKER_RUN = /[*_~]+/gu;
const CODE_SPAN = /(`+)[^`]*?\1/gu;

/** Checks `text` against `limits`; stops at the first line nested too deeply (parsing it is refused). */
export function scanSource(text: string, limits: SourceLimits): ScanResult {
  const lines = text.split('\n');
  const findings: SourceFinding[] = [];
  let fence: string | null = null;
  let block: number[] = [];
  let work = 0;
  let overBudget = false;
  let changed = false;

  const closeBlock = (): void => {
    if (block.length === 0) return;
    const markers = block.reduce((sum, index) => sum + countMarkers(lines[index]!), 0);
    const overBlock = markers > limits.maxMarkersPerBlock;
    const overDocument = !overBlock && markers > 0 && (overBudget || work + markers * markers > limits.maxMarkerWork);
    if (overBlock || overDocument) {
      // Past the budget every later paragraph is escaped too; one message says so.
      if (overBlock || !overBudget) findings.push({ kind: 'markers', line: block[0]! + 1, markers, reason: overBlock ? 'block' : 'document' });
      overBudget ||= overDocument;
      for (const index of block) lines[index] = escapeMarkers(lines[index]!);
      changed = true;
    } else {
      work += markers * markers;
    }
    block = [];
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const prefix = containerPrefix(line);
    const rest = line.slice(prefix.end);
    if (fence !== null) {
      if (rest.trimEnd().startsWith(fence) && /^[`~]+\s*$/u.test(rest)) fence = null;
      continue;
    }
    if (prefix.depth > limits.maxNesting) {
      findings.push({ kind: 'nesting', line: index + 1, column: prefix.end + 1, depth: prefix.depth });
      return { text, findings };
    }
    const opened = FENCE.exec(rest);
    if (opened) {
      closeBlock();
      fence = opened[1]!;
      continue;
    }
    if (rest.trim() === '') closeBlock();
    else block.push(index);
  }
  closeBlock();
  return { text: changed ? lines.join('\n') : text, findings };
}

/**
 * Where the line's content starts after its quote and list markers, and how deep that is.
 * Two columns of indentation before the first marker count as one level, as in a list nested
 * with two-space indents; a deeply indented line without markers is a continuation, not nesting.
 */
function containerPrefix(line: string): { end: number; depth: number } {
  let position = 0;
  let columns = 0;
  let indent = -1;
  let markers = 0;
  for (;;) {
    let spaces = 0;
    while (line[position] === ' ' || line[position] === '\t') {
      spaces += line[position] === '\t' ? 4 - ((columns + spaces) % 4) : 1;
      position++;
    }
    if (indent === -1) indent = spaces;
    columns += spaces;
    if (line[position] === '>') {
      markers++;
      position++;
      columns++;
      continue;
    }
    const list = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/u.exec(line.slice(position, position + 11));
    // A line of three or more `-`/`*`/`_` alone is a thematic break; `- - - item` is three nested lists.
    if (list && !/^([-*_])(?:[ \t]*\1){2,}[ \t]*$/u.test(line.slice(position))) {
      markers++;
      position += list[0].length;
      columns += list[0].length;
      continue;
    }
    break;
  }
  return { end: position, depth: markers === 0 ? 0 : markers + Math.floor(indent / 2) };
}

/** Marker runs outside code spans, not counting a list bullet at the start of the line. */
function countMarkers(line: string): number {
  const text = line.slice(containerPrefix(line).end).replace(CODE_SPAN, '');
  return text.match(MARKER_RUN)?.length ?? 0;
}

/** `*a*` → `\*a\*`: the markers outside code spans become literal text; bullets stay bullets. */
function escapeMarkers(line: string): string {
  const start = containerPrefix(line).end;
  const head = line.slice(0, start);
  const spans: [number, number][] = [];
  for (const match of line.slice(start).matchAll(CODE_SPAN)) spans.push([match.index, match.index + match[0].length]);
  const body = line.slice(start).replace(/[*_~]/gu, (char, offset: number, whole: string) => {
    if (spans.some(([from, to]) => offset >= from && offset < to)) return char;
    return whole[offset - 1] === '\\' ? char : `\\${char}`;
  });
  return head + body;
}
