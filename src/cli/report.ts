import { sortProblems, type Problem } from '../problems.ts';
import type { Colors, Output } from './context.ts';
import { messages } from './messages.ts';

/** Prints problems as `file:line:col  message`, errors first then warnings, each group sorted by file. */
export function printProblems(output: Output, problems: readonly Problem[], colors: Colors): void {
  const errors = sortProblems(problems.filter((p) => p.severity === 'error'));
  const warnings = sortProblems(problems.filter((p) => p.severity === 'warning'));
  if (errors.length > 0) {
    output.write(`${colors.red(colors.bold(messages.check.errorsHeader(errors.length)))}\n`);
    for (const p of errors) output.write(`${colors.red(messages.problem(p))}\n`);
  }
  if (warnings.length > 0) {
    output.write(`${colors.yellow(colors.bold(messages.check.warningsHeader(warnings.length)))}\n`);
    for (const p of warnings) output.write(`${colors.yellow(messages.problem(p))}\n`);
  }
}
