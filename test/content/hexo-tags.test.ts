import assert from 'node:assert/strict';
import test from 'node:test';
import { convertTagPlugins } from '../../src/content/hexo-tags.ts';

test('convertTagPlugins', async (t) => {
  await t.test('should report unclosed block tags with their line and leave them', () => {
    const result = convertTagPlugins('a\n{% codeblock lang:js %}\nx\n');
    assert.equal(result.text, 'a\n{% codeblock lang:js %}\nx\n');
    assert.deepEqual(result.notes, [{ line: 2, column: 1, kind: 'unclosed', name: 'codeblock' }]);
  });

  await t.test('should fence code that itself contains backticks with a longer fence', () => {
    const result = convertTagPlugins('{% codeblock %}\n```\ninner\n```\n{% endcodeblock %}\n');
    assert.equal(result.text, '````\n```\ninner\n```\n````\n');
  });
});
