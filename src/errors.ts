/**
 * Thrown only when a build cannot go on. Content problems are collected as
 * positioned `Problem`s instead (see `src/problems.ts`).
 */
export class WeeklogError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    // `new.target` is undefined in a class field initializer, so set it here.
    this.name = new.target.name;
  }
}

/** Rendering a post failed for a reason other than its content (a bug, a dead render thread); names the post. */
export class RenderError extends WeeklogError {}

/** The settings file is missing, unreadable or has a wrong key or type. */
export class SettingsError extends WeeklogError {}

/** One or more content files have errors; `problems` holds all of them. */
export class ContentError extends WeeklogError {
  readonly problems: readonly import('./problems.ts').Problem[];
  /** Posts read without an error but not rendered: the build stopped at errors found while reading the others. */
  readonly unrendered: number;
  constructor(message: string, problems: readonly import('./problems.ts').Problem[], options?: ErrorOptions & { unrendered?: number }) {
    super(message, options);
    this.problems = problems;
    this.unrendered = options?.unrendered ?? 0;
  }
}
