// Progressive enhancement only: every page works without this file.
// Adds a copy button to each highlighted code block.
(() => {
  const label = document.body.dataset.copyLabel || 'Copy';
  const done = document.body.dataset.copiedLabel || 'Copied';
  if (!navigator.clipboard) return;
  for (const block of document.querySelectorAll('.code-block')) {
    const pre = block.querySelector('pre');
    if (!pre) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-code';
    button.textContent = label;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(pre.innerText);
        button.textContent = done;
        setTimeout(() => (button.textContent = label), 1500);
      } catch {
        button.textContent = '×';
      }
    });
    (block.querySelector('.code-header') || block).append(button);
  }
})();
