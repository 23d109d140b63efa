import type { Post } from '../content/post.ts';
import type { Section } from '../markdown/types.ts';

/** A piece of a section: the unit the index points to and the excerpt it fetches. */
export interface Passage {
  anchor: string | null;
  heading: string;
  text: string;
  /** Tokens of the heading (and, for a post's first passage, the title) go with this passage. */
  first: boolean;
  /** The section's link item URL, when its heading is one (`## [title](url)`). */
  link?: string;
}

// Cut only after sentence ends and line breaks: a word never spans them, so
// the bigrams of a Chinese word always land in one passage.
const SENTENCE = /(?:[^。！？；!?;\n.]|\.(?!\s))+[。！？；!?;\n.]*|[。！？；!?;\n.]+/gu;

/** Splits a post's sections into passages of whole sentences, each up to about `maxChars` characters. */
export function postPassages(post: Pick<Post, 'text' | 'sections'>, maxChars: number): Passage[] {
  const sections: Section[] =
    post.sections.length > 0 ? post.sections : [{ anchor: null, heading: '', text: post.text ?? '' }];
  const passages: Passage[] = [];
  for (const section of sections) {
    let current = '';
    let first = true;
    const flush = (): void => {
      const text = current.replace(/\s+/g, ' ').trim();
      if (text || first) {
        const passage: Passage = { anchor: section.anchor, heading: section.heading, text, first };
        if (section.linkUrl) passage.link = section.linkUrl;
        passages.push(passage);
      }
      first = false;
      current = '';
    };
    for (const sentence of section.text.match(SENTENCE) ?? []) {
      if (!sentence) continue;
      if (current && current.length + sentence.length > maxChars) flush();
      current += sentence;
    }
    flush();
  }
  return passages;
}
