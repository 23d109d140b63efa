import type { Element, Root } from 'hast';

export interface Options {
  /** Class of the scrolling wrapper put around each table (default: `'table-scroll'`). */
  wrapperClass?: string | null | undefined;
}

const emptyOptions: Options = {};
const ALIGNMENTS = new Set(['left', 'center', 'right']);

/**
 * Makes tables readable on phones and valid HTML: each `<table>` goes into a wrapper that scrolls
 * sideways and takes keyboard focus (a reader without a pointer must reach the hidden columns),
 * and GFM's `align` attribute, obsolete in HTML, becomes an `align-center` style class.
 */
export default function rehypeTables(options?: Options | null) {
  const settings = options || emptyOptions;
  const wrapperClass = settings.wrapperClass ?? 'table-scroll';

  return function transformer(tree: Root): void {
    const walk = (parent: Root | Element): void => {
      const children = parent.children;
      for (let index = 0; index < children.length; index++) {
        let node = children[index]!;
        if (node.type !== 'element') continue;
        if (node.tagName === 'th' || node.tagName === 'td') {
          const align = node.properties.align;
          if (typeof align === 'string') {
            delete node.properties.align;
            if (ALIGNMENTS.has(align)) node.properties.className = [...classList(node), `align-${align}`];
          }
        } else if (node.tagName === 'table' && !(isElement(parent) && classList(parent).includes(wrapperClass))) {
          node = { type: 'element', tagName: 'div', properties: { className: [wrapperClass], tabIndex: 0 }, children: [node], position: node.position };
          children[index] = node;
        }
        // The table's cells are reached through its wrapper.
        walk(node);
      }
    };
    walk(tree);
  };
}

function isElement(node: Root | Element): node is Element {
  return node.type === 'element';
}

function classList(node: Element): string[] {
  const value = node.properties.className;
  return Array.isArray(value) ? value.map(String) : value ? String(value).split(/\s+/) : [];
}
