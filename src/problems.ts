import path from 'node:path';

/**
 * A content problem with its place: what `weeklog check` and every build print
 * as `file:line:col  message`. Errors stop the build; warnings do not.
 */
export interface Problem {
  /** Path relative to the project (or absolute when outside it), posix separators. */
  file: string;
  /** 1-based; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based; 0 when unknown. */
  column: number;
  severity: 'error' | 'warning';
  /** What happened and what to do, one sentence each; no "Error:" prefix. */
  message: string;
  /** Short stable id of the rule, e.g. `front-matter-yaml`, `unknown-language`. */
  ruleId: string;
}

export class ProblemList {
  readonly items: Problem[] = [];

  add(problem: Problem): void {
    this.items.push(problem);
  }

  error(file: string, line: number, column: number, ruleId: string, message: string): void {
    this.add({ file, line, column, severity: 'error', ruleId, message });
  }

  warn(file: string, line: number, column: number, ruleId: string, message: string): void {
    this.add({ file, line, column, severity: 'warning', ruleId, message });
  }
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message),
  );
}

export function formatPlace(problem: Pick<Problem, 'file' | 'line' | 'column'>): string {
  if (problem.line <= 0) return problem.file;
  return problem.column > 0 ? `${problem.file}:${problem.line}:${problem.column}` : `${problem.file}:${problem.line}`;
}

/** `file:line:col  message`, sorted by file, one per line. */
/** What a build that stopped at errors before rendering says of the posts it left: `unrendered` of them, beside `errors` errors. */
export function unrenderedNote(unrendered: number, errors: number): string {
  return (
    `Stopped before rendering the ${unrendered} other ${unrendered === 1 ? 'post' : 'posts'}: ` +
    `any problem in ${unrendered === 1 ? 'it' : 'them'} shows once ${errors === 1 ? 'this is' : 'these are'} fixed.`
  );
}

export function formatProblems(problems: readonly Problem[]): string {
  return sortProblems(problems)
    .map((p) => `${formatPlace(p)}  ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`)
    .join('\n');
}

/** `file` as problems show it: relative to `fromDir` with `/`, or absolute when outside it. */
export function displayPath(fromDir: string, file: string): string {
  const relative = path.relative(fromDir, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}
