import { foldVietnamese } from '@eoffice/vietnamese';

export interface TextPart {
  readonly text: string;
  readonly match: boolean;
}

/** A letter or digit: the services' search splits tokens on anything else (FTS5's unicode61 tokenizer). */
const WORD = /[\p{L}\p{N}]/u;

/** The folded tokens of what the user typed ("Đất đai, QĐ" → ["dat", "dai", "qd"]). */
export function queryTokens(query: string): string[] {
  return foldVietnamese(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Splits `text` into the parts to show plain and the parts to mark: every whole token the search matched, compared
 * folded, so "dat dai" marks "Đất đai" with its diacritics as written. Each UTF-16 unit is folded alone (Vietnamese
 * letters fold to one unit each), keeping a map from the folded text back to the original.
 */
export function highlightParts(text: string, tokens: readonly string[]): TextPart[] {
  if (tokens.length === 0 || text.length === 0) return [{ text, match: false }];
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const unit = foldVietnamese(text[i]!);
    for (const ch of unit) {
      folded += ch;
      origin.push(i);
    }
  }
  const marked = new Array<boolean>(text.length).fill(false);
  const wanted = new Set(tokens);
  // Walk the folded text token by token; a token the query names marks its original letters.
  let start = -1;
  for (let i = 0; i <= folded.length; i += 1) {
    const inWord = i < folded.length && WORD.test(folded[i]!);
    if (inWord && start < 0) start = i;
    if (!inWord && start >= 0) {
      if (wanted.has(folded.slice(start, i))) {
        const from = origin[start]!;
        let to = origin[i - 1]!;
        // A combining mark after the last letter (text in NFD) belongs to it.
        while (to + 1 < text.length && foldVietnamese(text[to + 1]!) === '') to += 1;
        for (let k = from; k <= to; k += 1) marked[k] = true;
      }
      start = -1;
    }
  }
  const parts: TextPart[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const last = parts[parts.length - 1];
    if (last && last.match === marked[i]) parts[parts.length - 1] = { text: last.text + text[i], match: last.match };
    else parts.push({ text: text[i]!, match: marked[i]! });
  }
  return parts;
}
