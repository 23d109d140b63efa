// Progressive enhancement only: every page works without this file.
(() => {
  const root = document.documentElement;

  // Copy buttons join each code block's header bar (never over the code).
  const label = document.body.dataset.copyLabel || 'Copy';
  const done = document.body.dataset.copiedLabel || 'Copied';
  if (navigator.clipboard) {
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
  }

  // Colour scheme: auto → light → dark, remembered. The <head> script applies it before the first paint.
  const toggle = document.querySelector('[data-theme-toggle]');
  if (toggle) {
    const modes = ['auto', 'light', 'dark'];
    const show = (mode) => {
      const text = toggle.dataset[`label${mode[0].toUpperCase()}${mode.slice(1)}`] || mode;
      toggle.querySelector('.theme-toggle-label').textContent = text;
      toggle.setAttribute('aria-label', text);
    };
    let mode = root.dataset.theme || 'auto';
    show(mode);
    toggle.hidden = false;
    toggle.addEventListener('click', () => {
      mode = modes[(modes.indexOf(mode) + 1) % modes.length];
      if (mode === 'auto') delete root.dataset.theme;
      else root.dataset.theme = mode;
      try {
        if (mode === 'auto') localStorage.removeItem('weeklog-theme');
        else localStorage.setItem('weeklog-theme', mode);
      } catch {
        // Private browsing: the choice lasts for this page only.
      }
      show(mode);
    });
  }

  // Contents: folded on phones behind a button; the section being read is marked as the reader scrolls.
  const toc = document.querySelector('[data-toc]');
  if (toc) {
    const button = toc.querySelector('.post-toc-toggle');
    button?.addEventListener('click', () => {
      const open = toc.classList.toggle('is-open');
      button.setAttribute('aria-expanded', String(open));
      button.textContent = open ? button.dataset.hide : button.dataset.show;
    });
    const links = new Map();
    for (const link of toc.querySelectorAll('a[href^="#"]')) {
      const target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
      if (target) links.set(target, link);
    }
    const headings = [...links.keys()];
    let current = null;
    const mark = () => {
      // The section being read is the last one whose heading has reached the top of the window
      // (a link in the contents list scrolls its heading there, so it is marked at once).
      const line = Math.min(window.innerHeight / 4, 96);
      let active = null;
      for (const heading of headings) {
        if (heading.getBoundingClientRect().top <= line) active = heading;
        else break;
      }
      const link = active ? links.get(active) : null;
      if (link === current) return;
      current?.removeAttribute('aria-current');
      if (link) link.setAttribute('aria-current', 'location');
      current = link;
    };
    if (headings.length) {
      let queued = false;
      const schedule = () => {
        if (queued) return;
        queued = true;
        requestAnimationFrame(() => {
          queued = false;
          mark();
        });
      };
      addEventListener('scroll', schedule, { passive: true });
      addEventListener('resize', schedule, { passive: true });
      // After the first layout, not during it: reading positions now would force an extra one.
      schedule();
    }
  }

  // Back to top: shown once the reader has scrolled a screen down.
  const top = document.querySelector('[data-back-to-top]');
  if (top) {
    const update = () => {
      top.hidden = window.scrollY < window.innerHeight;
    };
    addEventListener('scroll', update, { passive: true });
    requestAnimationFrame(update);
    top.addEventListener('click', (event) => {
      event.preventDefault();
      window.scrollTo({ top: 0 });
      document.querySelector('.skip-link')?.focus({ preventScroll: true });
    });
  }
})();
