/**
 * Fills the named slots of a UI string (`'{n} 分钟'` with `{ n: 3 }`). Shared by
 * the model, the `fill` template filter and the search client, which bundles it.
 */
export function fillTemplate(template = '', values: Record<string, unknown> = {}): string {
  return String(template).replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}
