/**
 * Hexo tag plugins (`{% name args %}`) rewritten as plain Markdown, because
 * weeklog never runs posts through a template engine. Fenced code is left
 * alone: Hexo does not expand tags inside it either.
 */

export interface TagNote {
  line: number;
  column: number;
  kind: 'unknown' | 'unclosed';
  name: string;
}

export interface ConvertedTags {
  text: string;
  notes: TagNote[];
  /** File names referenced by `asset_img` / `asset_link` / `asset_path`. */
  assets: string[];
  /** How many tags were rewritten. */
  converted: number;
}

const blockTags: Record<string, string> = { raw: 'endraw', codeblock: 'endcodeblock', code: 'endcode', blockquote: 'endblockquote', quote: 'endquote' };

/** Splits tag arguments like Hexo: spaces separate, quotes group. */
function splitArgs(args: string): string[] {
  return [...args.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const destination = (target: string): string => (/[\s()<>]/.test(target) ? `<${target}>` : target);

function fenced(code: string, lang: string, title: string): string {
  const longestRun = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const meta = [lang, title ? `title="${title.replace(/"/g, '\\"')}"` : ''].filter(Boolean).join(' ');
  return `${fence}${meta}\n${code}${code.endsWith('\n') || code === '' ? '' : '\n'}${fence}`;
}

function codeblock(args: string, inner: string): string {
  let lang = '';
  const rest: string[] = [];
  for (const arg of splitArgs(args)) {
    if (arg.startsWith('lang:')) lang = arg.slice(5);
    else if (/^(line_number|highlight|first_line|mark|wrap):/.test(arg)) continue;
    else rest.push(arg);
  }
  // A URL after the title is the source link; the fence keeps only the caption.
  const title = rest.filter((a) => !/^https?:\/\//.test(a)).join(' ');
  return fenced(inner.replace(/^\n/, '').replace(/\n$/, ''), lang, title);
}

function blockquote(args: string, inner: string): string {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const link = words.find((w) => /^https?:\/\//.test(w));
  const attribution = words.filter((w) => w !== link).join(' ');
  const [author, ...sourceParts] = attribution.split(/,\s*/);
  const source = sourceParts.join(', ');
  const body = inner.replace(/^\n+|\n+$/g, '').split('\n').map((l) => (l ? `> ${l}` : '>'));
  const cite = link ? `[${source || link}](${link})` : source;
  const by = [author, cite].filter(Boolean).join(', ');
  return [...body, ...(by ? ['>', `> — ${by}`] : [])].join('\n');
}

function assetImg(args: string): { markdown: string; asset?: string } {
  const parts = splitArgs(args);
  // Leading class names and width/height are dropped; the first part with a dot is the file.
  const fileIndex = parts.findIndex((p) => /\.[A-Za-z0-9]+$/.test(p));
  if (fileIndex < 0) return { markdown: '' };
  const file = parts[fileIndex]!;
  const rest = parts.slice(fileIndex + 1).filter((p) => !/^\d+(px|%)?$/.test(p));
  const title = rest[0] ?? '';
  const alt = rest[1] ?? title;
  return { markdown: `![${alt}](${destination(file)}${title && title !== alt ? ` "${title}"` : ''})`, asset: file };
}

export function convertTagPlugins(source: string): ConvertedTags {
  const text = source.replace(/\r\n/g, '\n');
  const notes: TagNote[] = [];
  const assets: string[] = [];
  let converted = 0;
  let out = '';
  let pos = 0;
  let nextTag = text.indexOf('{%');
  if (nextTag === -1) return { text, notes, assets, converted };
  const placeOf = (at: number) => {
    const before = text.slice(0, at);
    return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
  };
  const tagAt = /\{%-?\s*([A-Za-z_]\w*)([^%]*?)\s*-?%\}/y;

  while (pos < text.length) {
    const atLineStart = pos === 0 || text[pos - 1] === '\n';
    if (atLineStart) {
      const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*(\n|$)/.exec(text.slice(pos, text.indexOf('\n', pos) + 1 || text.length));
      if (fence) {
        const marker = fence[1]!;
        const closing = new RegExp(`\\n {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*(?=\\n|$)`, 'g');
        closing.lastIndex = pos + fence[0].length - 1;
        const close = closing.exec(text);
        const end = close ? close.index + close[0].length : text.length;
        out += text.slice(pos, end);
        pos = end;
        continue;
      }
    }
    // Searched again only once passed: searching from every line made long posts quadratic.
    if (nextTag !== -1 && nextTag < pos) nextTag = text.indexOf('{%', pos);
    const nextLine = text.indexOf('\n', pos);
    if (nextTag < 0 || (nextLine >= 0 && nextLine < nextTag)) {
      const end = nextLine < 0 ? text.length : nextLine + 1;
      out += text.slice(pos, end);
      pos = end;
      continue;
    }
    out += text.slice(pos, nextTag);
    pos = nextTag;
    tagAt.lastIndex = pos;
    const tag = tagAt.exec(text);
    if (!tag) {
      out += '{%';
      pos += 2;
      continue;
    }
    const [whole, name, args] = tag as unknown as [string, string, string];
    const afterTag = pos + whole.length;
    const endName = blockTags[name];
    if (endName) {
      const endTag = new RegExp(`\\{%-?\\s*${endName}\\s*-?%\\}`, 'g');
      endTag.lastIndex = afterTag;
      const end = endTag.exec(text);
      if (!end) {
        notes.push({ ...placeOf(pos), kind: 'unclosed', name });
        out += whole;
        pos = afterTag;
        continue;
      }
      const inner = text.slice(afterTag, end.index);
      out += name === 'raw' ? inner : name === 'codeblock' || name === 'code' ? codeblock(args, inner) : blockquote(args, inner);
      converted += 1;
      pos = end.index + end[0].length;
      continue;
    }
    const words = splitArgs(args);
    if (name === 'asset_img' || name === 'img') {
      const { markdown, asset } = assetImg(args);
      if (name === 'img' || asset) {
        out += markdown || whole;
        if (asset && name === 'asset_img') assets.push(asset);
        converted += 1;
      } else {
        notes.push({ ...placeOf(pos), kind: 'unknown', name });
        out += whole;
      }
    } else if (name === 'asset_link' && words[0]) {
      out += `[${words.slice(1).join(' ') || words[0]}](${destination(words[0])})`;
      assets.push(words[0]);
      converted += 1;
    } else if (name === 'asset_path' && words[0]) {
      out += destination(words[0]);
      assets.push(words[0]);
      converted += 1;
    } else if (name === 'pdf' && words[0]) {
      out += `[${words[0]}](${destination(words[0])})`;
      converted += 1;
    } else {
      notes.push({ ...placeOf(pos), kind: 'unknown', name });
      out += whole;
    }
    pos = afterTag;
  }
  return { text: out, notes, assets, converted };
}
