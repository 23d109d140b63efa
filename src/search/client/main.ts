import { createSearchEngine } from './engine.ts';
import type { SearchEngine, SearchOutcome } from './engine.ts';
import { fillTemplate } from '../../site/fill.ts';
import { renderResult, statusText } from './render.ts';

/**
 * Wires the header search box (`form[data-search]`) and the search page
 * (`[data-search-page]`). Nothing is fetched until the box gets focus or the
 * page has `?q=`.
 */

const engines = new Map<string, SearchEngine>();
function engineFor(element: HTMLElement): SearchEngine {
  const base = element.dataset.index || '/search/';
  let engine = engines.get(base);
  if (!engine) {
    engine = createSearchEngine((path) =>
      fetch(base + path).then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${base + path}`);
        return response.json();
      }),
    );
    engines.set(base, engine);
  }
  return engine;
}

/** Renders the checked results into `list` and the count into `status`; returns the new items. */
function showResults(list: HTMLElement, status: HTMLElement, outcome: SearchOutcome, strings: DOMStringMap, asLink: boolean): HTMLElement[] {
  list.textContent = '';
  status.textContent = statusText(outcome, strings);
  return outcome.results
    .filter((result) => result.fragment)
    .map((result) => {
      const item = list.appendChild(document.createElement('li'));
      renderResult(item, result, outcome.terms, asLink);
      return item;
    });
}

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
}

function setupBox(box: HTMLFormElement): void {
  const input = box.querySelector<HTMLInputElement>('input[name="q"]')!;
  const popup = box.querySelector<HTMLElement>('.search-popup')!;
  const list = popup.querySelector<HTMLElement>('[role="listbox"]')!;
  const status = popup.querySelector<HTMLElement>('.search-status')!;
  const strings = box.dataset;
  let sequence = 0;
  let active = -1;

  const options = (): HTMLElement[] => Array.from(list.children) as HTMLElement[];
  const open = (shown: boolean): void => {
    popup.hidden = !shown;
    input.setAttribute('aria-expanded', String(shown));
    if (!shown) select(-1);
  };
  const select = (index: number): void => {
    const all = options();
    active = all.length === 0 ? -1 : index < -1 ? all.length - 1 : index >= all.length ? -1 : index;
    all.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', all[active].id);
      all[active].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const show = (outcome: SearchOutcome): void => {
    showResults(list, status, outcome, strings, false).forEach((option, i) => {
      option.id = `${input.id || 'search'}-option-${i}`;
      option.setAttribute('role', 'option');
      option.addEventListener('click', () => location.assign(option.dataset.href!));
    });
    select(-1);
    open(true);
  };
  const run = async (): Promise<void> => {
    const query = input.value.trim();
    const current = ++sequence;
    if (!query) return open(false);
    try {
      const outcome = await engineFor(box).search(query, 8);
      if (current === sequence) show(outcome);
    } catch {
      if (current !== sequence) return;
      list.textContent = '';
      status.textContent = strings.failed || '';
      open(true);
    }
  };

  input.addEventListener('focus', () => {
    engineFor(box).load().catch(() => undefined);
    if (input.value.trim() && list.children.length > 0) open(true);
  });
  input.addEventListener('input', run);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (popup.hidden) open(true);
      select(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      location.assign(options()[active].dataset.href!);
    } else if (event.key === 'Escape') {
      // The first Esc closes the results and keeps the words; only the next one clears them
      // (a search input clears itself on Esc unless told not to).
      event.preventDefault();
      if (!popup.hidden) open(false);
      else if (input.value !== '') {
        input.value = '';
        void run();
      } else input.blur();
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  document.addEventListener('click', (event) => {
    if (!box.contains(event.target as Node)) open(false);
  });
}

/** Results per page of `/search/`; `?page=N` shows the Nth twenty. */
const PAGE_SIZE = 20;

/** `/search/?q=…&page=n`: the link to another page of the same results. */
function pageHref(query: string, n: number): string {
  const params = new URLSearchParams({ q: query });
  if (n > 1) params.set('page', String(n));
  return `${location.pathname}?${params}`;
}

function showPager(nav: HTMLElement, query: string, pageNumber: number, pages: number, strings: DOMStringMap): void {
  nav.textContent = '';
  nav.hidden = pages <= 1;
  const add = (n: number, label: string, rel: string): void => {
    const link = nav.appendChild(document.createElement('a'));
    link.href = pageHref(query, n);
    link.rel = rel;
    link.textContent = label;
  };
  if (pageNumber > 1) add(pageNumber - 1, strings.previous || '‹', 'prev');
  nav.appendChild(document.createElement('span')).textContent = fillTemplate(strings.pageOf || '{n} / {total}', { n: pageNumber, total: pages });
  if (pageNumber < pages) add(pageNumber + 1, strings.next || '›', 'next');
}

async function setupPage(page: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const query = params.get('q')?.trim() ?? '';
  const pageNumber = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  for (const field of document.querySelectorAll<HTMLInputElement>('input[name="q"]')) field.value = query;
  if (!query) return;
  const status = page.querySelector<HTMLElement>('.search-status')!;
  const list = page.querySelector<HTMLOListElement>('.search-results')!;
  const pager = page.querySelector<HTMLElement>('.search-pager');
  const strings = page.dataset;
  status.textContent = strings.loading || '';
  try {
    // Every match is counted; only the page shown is fetched.
    const outcome = await engineFor(page).search(query, PAGE_SIZE, (pageNumber - 1) * PAGE_SIZE);
    showResults(list, status, outcome, strings, true);
    list.start = (pageNumber - 1) * PAGE_SIZE + 1;
    // Unchecked matches may hold more pages; the count says "at least" until they are reached.
    const pages = outcome.exact
      ? Math.ceil(outcome.results.length / PAGE_SIZE)
      : Math.ceil(outcome.checked / PAGE_SIZE) + (outcome.results.length > outcome.checked ? 1 : 0);
    if (pager) showPager(pager, query, pageNumber, Math.max(1, pages), strings);
  } catch {
    status.textContent = strings.failed || '';
  }
}

for (const box of document.querySelectorAll<HTMLFormElement>('form[data-search]')) setupBox(box);
const page = document.querySelector<HTMLElement>('[data-search-page]');
if (page) void setupPage(page);
