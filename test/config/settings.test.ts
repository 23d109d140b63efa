import assert from 'node:assert/strict';
import test from 'node:test';
import { SettingsError } from '../../src/errors.ts';
import { validateSettings } from '../../src/config/settings.ts';

test('validateSettings', async (t) => {
  await t.test('should fill defaults, including urlTimezone from timezone', () => {
    const settings = validateSettings({ timezone: 'UTC' });
    assert.equal(settings.perPage, 10);
    assert.equal(settings.urlTimezone, 'UTC');
    assert.equal(settings.maxAutoTags, 8);
  });

  await t.test('should name every wrong key and type, and the file, in one error', () => {
    assert.throws(
      () => validateSettings({ per_page: 5, perPage: 'ten', timezone: 'Mars/Olympus', autoTag: 'sometimes' }, 'site.yml'),
      (error: unknown) => {
        assert.ok(error instanceof SettingsError);
        const lines = error.message.split('\n');
        assert.equal(lines.length, 4, error.message);
        assert.match(lines[0]!, /^site\.yml: unknown setting `per_page`\. Did you mean `perPage`\?/);
        assert.match(lines[1]!, /^site\.yml: setting `perPage` is "ten", expected a/);
        assert.match(lines[2]!, /^site\.yml: setting `timezone` is "Mars\/Olympus", expected an IANA time zone/);
        assert.match(lines[3]!, /^site\.yml: setting `autoTag` is "sometimes", expected/);
        return true;
      },
    );
  });
});
