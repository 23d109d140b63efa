import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { validateSettings, type Settings } from '../../src/config/settings.ts';

/** Writes `files` (path relative to the project → text or bytes) into a new temporary project folder. */
export async function makeProject(files: Record<string, string | Uint8Array>): Promise<string> {
  const projectDir = await mkdtemp(path.join(os.tmpdir(), 'weeklog-content-'));
  for (const [relative, body] of Object.entries(files)) {
    const file = path.join(projectDir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
  }
  return projectDir;
}

export function settingsWith(raw: Record<string, unknown> = {}): Settings {
  return validateSettings(raw, 'test settings');
}

/**
 * Compares `actual` with the JSON in `expectedFile`; with `UPDATE=1` rewrites
 * the file instead, so the diff can be reviewed like code.
 */
export async function assertMatchesFile(actual: unknown, expectedFile: string): Promise<void> {
  const json = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE === '1') {
    await writeFile(expectedFile, json);
    return;
  }
  let expected: string;
  try {
    expected = await readFile(expectedFile, 'utf8');
  } catch {
    assert.fail(`${expectedFile} is missing; run the test with UPDATE=1 to create it, then review it.`);
  }
  assert.deepEqual(JSON.parse(json), JSON.parse(expected));
}
