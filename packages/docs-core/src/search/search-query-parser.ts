import { exactLowercase, foldVietnamese } from '@eoffice/vietnamese';

/**
 * What the user typed, turned into FTS5 phrases. A run of words is one phrase (Vietnamese words are several
 * syllables: "đất đai" must not match "đạt … dài"); commas or quotes separate phrases that must all appear, in any
 * order. Punctuation splits tokens the way FTS5's unicode61 tokenizer does, so "qd-ubnd" is the phrase "qd ubnd"
 * and finds "QĐ-UBND", and "05/QĐ-UBND" finds that number and symbol.
 */
export interface ParsedSearchText {
  /** Folded tokens per phrase (no marks, đ → d, lowercase). */
  readonly folded: readonly (readonly string[])[];
  /** The same phrases with the user's diacritics kept (lowercase, NFC). */
  readonly exact: readonly (readonly string[])[];
  /** True when the user typed any diacritic: only then does an exact-diacritic tier make sense. */
  readonly hasDiacritics: boolean;
}

const TOKEN = /[\p{L}\p{N}]+/gu;
const MAX_PHRASES = 8;
const MAX_TOKENS_PER_PHRASE = 16;

export function parseSearchText(text: string): ParsedSearchText {
  const groups: string[] = [];
  // "quoted phrases" first, then the rest split on commas.
  const rest = text.replace(/"([^"]*)"/g, (_match, inner: string) => {
    groups.push(inner);
    return ',';
  });
  groups.push(...rest.split(/[,;+]/));
  const exact: string[][] = [];
  const folded: string[][] = [];
  for (const group of groups) {
    const exactTokens = (exactLowercase(group).match(TOKEN) ?? []).slice(0, MAX_TOKENS_PER_PHRASE);
    if (exactTokens.length === 0) continue;
    exact.push(exactTokens);
    // Fold token by token so both lists stay aligned (folding never splits or joins tokens).
    folded.push(exactTokens.map((token) => foldVietnamese(token)));
    if (exact.length === MAX_PHRASES) break;
  }
  const hasDiacritics = exact.some((phrase, i) => phrase.some((token, j) => token !== folded[i]![j]));
  return { folded, exact, hasDiacritics };
}

/** An FTS5 MATCH expression: every phrase must appear. Tokens are letters and digits only, so quoting is safe. */
export function toFtsMatch(phrases: readonly (readonly string[])[]): string {
  return phrases.map((tokens) => `"${tokens.join(' ')}"`).join(' AND ');
}

/** Whether `text` (already lowercase NFC) holds the tokens of `phrase` one after another. */
export function containsPhrase(text: string, phrase: readonly string[]): boolean {
  return phraseMatcher(phrase).test(text);
}

/**
 * A pattern for `phrase`'s tokens one after another, each a whole token (letters and digits, as {@link TOKEN}
 * splits them): build it once per query and test every candidate field with it, instead of tokenizing each field.
 */
export function phraseMatcher(phrase: readonly string[]): RegExp {
  const tokens = phrase.map((token) => token.replace(/[^\p{L}\p{N}]/gu, ''));
  return new RegExp(`(?<![\\p{L}\\p{N}])${tokens.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'u');
}
