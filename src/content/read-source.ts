/** A file's text ready for parsing, or where its UTF-8 goes wrong. */
export type DecodedSource =
  | { ok: true; text: string }
  | { ok: false; line: number; column: number };

const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a content file as UTF-8, drops a BOM and turns CRLF/CR into LF so
 * that every later offset and line number is counted the same way.
 */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  let text: string;
  try {
    text = fatalDecoder.decode(bytes);
  } catch {
    return { ok: false, ...placeOfBadByte(bytes) };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text: normaliseLineEndings(text) };
}

export function normaliseLineEndings(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** 1-based line and column (in characters) of the first byte that is not valid UTF-8. */
export function placeOfBadByte(bytes: Uint8Array): { line: number; column: number } {
  const offset = firstInvalidUtf8Offset(bytes);
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // The bytes before the bad one on its line are valid, so they decode cleanly.
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: [...before].length + 1 };
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let codePoint = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
