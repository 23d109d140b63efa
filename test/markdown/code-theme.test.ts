import assert from 'node:assert/strict';
import test from 'node:test';
import { CODE_BACKGROUND, CODE_FOREGROUND, codeThemeCss, contrastRatio, MIN_CONTRAST, tokenStyles } from '../../src/markdown/code-theme.ts';
import { getCodeHighlighter } from '../../src/markdown/highlighter.ts';

test('code theme', async (t) => {
  await t.test('should give every token colour WCAG AA contrast on its background in both schemes', () => {
    const styles = tokenStyles();
    assert.ok(styles.length >= 10, `${styles.length} token styles`);
    for (const style of styles) {
      const bg = style.background ?? CODE_BACKGROUND;
      for (const scheme of ['light', 'dark'] as const) {
        const ratio = contrastRatio(style[scheme], bg[scheme]);
        assert.ok(ratio >= MIN_CONTRAST, `${style.className} ${scheme}: ${style[scheme]} on ${bg[scheme]} is ${ratio.toFixed(2)}:1`);
      }
    }
    for (const scheme of ['light', 'dark'] as const) assert.ok(contrastRatio(CODE_FOREGROUND[scheme], CODE_BACKGROUND[scheme]) >= MIN_CONTRAST);
  });

  await t.test('should colour every class the highlighter emits, for both schemes', async () => {
    const highlighter = await getCodeHighlighter();
    const css = codeThemeCss();
    const code = 'package main\n// comment\nfunc main() { fmt.Println("x", 1, true) }\n';
    const pre = highlighter.highlight(code, 'go');
    const classes = new Set(JSON.stringify(pre).match(/tk\d+/g));
    assert.ok(classes.size >= 4, [...classes].join(' '));
    for (const name of classes) assert.match(css, new RegExp(`\\.${name} \\{ color: light-dark\\(#[0-9a-f]{6}, #[0-9a-f]{6}\\);`));
    assert.doesNotMatch(JSON.stringify(pre), /"style"/, 'no inline styles: colours come from classes');
  });

  await t.test('should make the previously failing GitHub colours readable', () => {
    // #e36209 on white was 3.48:1, dark comments #6a737d on #24292e 3.04:1.
    assert.ok(!tokenStyles().some((s) => s.light === '#e36209'));
    assert.ok(!tokenStyles().some((s) => s.dark === '#6a737d'));
  });
});
