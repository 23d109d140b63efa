import { fillTemplate } from '../../site/fill.ts';
import type { QueryTerm } from '../tokenize.ts';
import type { SearchOutcome, SearchResult } from './engine.ts';
import { makeSnippet } from './snippet.ts';

/** Appends text with the matched parts in `<mark>`; text nodes only, never HTML from the index. */
function appendMarked(parent: HTMLElement, text: string, terms: readonly QueryTerm[], width?: number): void {
  for (const part of makeSnippet(text, terms, width)) {
    const node = document.createTextNode(part.text);
    if (part.mark) parent.appendChild(document.createElement('mark')).appendChild(node);
    else parent.appendChild(node);
  }
}

function child(parent: HTMLElement, tag: string, className: string): HTMLElement {
  const element = parent.appendChild(document.createElement(tag));
  element.className = className;
  return element;
}

/** The link of one result: post URL plus the section anchor. */
function resultHref(result: SearchResult): string {
  const fragment = result.fragment!;
  return fragment.a ? `${fragment.u}#${encodeURIComponent(fragment.a)}` : fragment.u;
}

/**
 * One result: title, date, category and section heading, then the excerpt.
 * A link on the search page; in the popup a plain block, because an option of
 * a listbox must not hold another interactive element.
 */
export function renderResult(item: HTMLElement, result: SearchResult, terms: readonly QueryTerm[], asLink = true): HTMLElement {
  const fragment = result.fragment!;
  const link = child(item, asLink ? 'a' : 'div', 'search-result');
  if (asLink) (link as HTMLAnchorElement).href = resultHref(result);
  else item.dataset.href = resultHref(result);
  // A link item is shown as itself: its title first, the post it was recommended in after.
  if (fragment.l) link.classList.add('search-result-link-item');
  appendMarked(child(link, 'span', 'search-result-title'), fragment.l ? fragment.h : fragment.t, terms, 1e9);
  const meta = (fragment.l ? [fragment.d, fragment.t, domainOf(fragment.l)] : [fragment.d, fragment.c.join(' / '), fragment.h]).filter(Boolean).join(' · ');
  child(link, 'span', 'search-result-meta').textContent = meta;
  appendMarked(child(link, 'span', 'search-result-snippet'), fragment.x, terms);
  return link;
}

function domainOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/**
 * The status line under a search: the posts found, or "at least" that many
 * while matches past the ones shown were not checked for adjacent words.
 * `strings` are the box's data attributes: `empty`, `count`, `countMore`.
 */
export function statusText(outcome: SearchOutcome, strings: Record<string, string | undefined>): string {
  const n = outcome.checked;
  if (n === 0) return strings.empty || '';
  if (outcome.exact) return fillTemplate(strings.count, { n: outcome.results.length });
  // A page without data-count-more still gets an honest count.
  return strings.countMore ? fillTemplate(strings.countMore, { n }) : fillTemplate(strings.count, { n: `${n}+` });
}
