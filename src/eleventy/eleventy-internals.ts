import { WeeklogError } from '../errors.ts';

/** Eleventy's internals an adaptation relies on changed shape (the version is pinned in package.json). */
export class EleventyInternalsError extends WeeklogError {}

interface WriterInternals {
  _createTemplate(...args: unknown[]): { template: object };
}

/**
 * Calls `adapt` on every template the Eleventy instance's writer creates from now on: the one
 * place weeklog's adaptations hook into an instance (`adaptation` names the caller in the error).
 * Call it after `init()`, which makes the writer. Only that instance changes; nothing of
 * Eleventy's modules is patched.
 */
export function adaptEachTemplate(eleventy: object, adaptation: string, adapt: (template: object) => void): object {
  const writer = (eleventy as { writer?: Partial<WriterInternals> }).writer;
  if (typeof writer?._createTemplate !== 'function') {
    throw new EleventyInternalsError(`Eleventy has no template writer to adapt: call ${adaptation} after init(), with the Eleventy version in package.json.`);
  }
  const create = writer._createTemplate;
  writer._createTemplate = function (this: WriterInternals, ...args: unknown[]) {
    const created = create.apply(this, args);
    adapt(created.template);
    return created;
  };
  return writer;
}
