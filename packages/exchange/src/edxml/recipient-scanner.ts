/**
 * A run of `To` elements in the shape writers give them, read without the general XML parser.
 *
 * An edoc addressed to a whole province carries ~650 `To` elements (314 KB of XML), and every receiver reads all of
 * them: through saxes, one character at a time, that cost 33-93 ms per message against 8-17 ms with one recipient
 * (README, fourth round), O(N²) over a fan-out. This scanner recognises only a narrow, unambiguous subset of XML:
 *
 *   <P:To> ( <P:Name>text</P:Name> | <P:Name/> )* </P:To>   with whitespace (space, tab, CR, LF) between tags
 *
 * where P is the parent MessageHeader's own prefix (its element is in the edXML namespace, and a tag without attributes
 * declares nothing, so P means the same inside), Name is an ASCII name not starting with "xml", and text holds none
 * of `< > & ]` nor CR, no character XML 1.0 forbids, and no surrogate. Everything it accepts is well-formed and means what
 * saxes would have read; anything else (a comment, an attribute, an entity or character reference, CDATA, a nested
 * element, a CR, a tag cut by the end of the text) ends the run there, and the caller gives the rest to saxes, whose
 * checks and errors are unchanged. The limits (element count, depth, text length) are applied by the caller as each
 * element is added, in document order, as for a parsed element.
 */

export interface ScannedChild {
  readonly local: string;
  readonly text: string;
}

export interface ScannedRecipient {
  /** The whitespace between the `To` start tag and its first child, CR LF and CR read as LF (saxes gives it to the element as text). */
  readonly leading: string;
  readonly children: readonly ScannedChild[];
}

export interface ScannedRun {
  readonly recipients: readonly ScannedRecipient[];
  /** Index just after the last whole `</P:To>` accepted (equal to `at` when none was). */
  readonly end: number;
}

const WS = /[ \t\r\n]*/y;
// Characters XML 1.0 allows in text, less those whose meaning needs the full parser (markup, references, "]]>", the
// CR that line-end handling rewrites) and surrogates (an astral character goes to saxes).
const TEXT_CHAR = '[^<>&\\]\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ud800-\\udfff\\ufffe\\uffff]';
const NAME = '(?![Xx][Mm][Ll])[A-Za-z_][A-Za-z0-9_.-]*';

interface PrefixPatterns {
  readonly open: RegExp;
  readonly close: RegExp;
  readonly child: RegExp;
}

const patternsByPrefix = new Map<string, PrefixPatterns>();

function patternsOf(prefix: string): PrefixPatterns {
  let patterns = patternsByPrefix.get(prefix);
  if (!patterns) {
    // A prefix as saxes reports it is an NCName; escaped anyway, since '.' and '-' are regular-expression syntax.
    const p = prefix === '' ? '' : `${prefix.replace(/[.\-\\^$*+?()[\]{}|]/g, '\\$&')}:`;
    patterns = {
      open: new RegExp(`<${p}To>`, 'y'),
      close: new RegExp(`</${p}To>`, 'y'),
      child: new RegExp(`<${p}(${NAME})(?:/>|>(${TEXT_CHAR}*)</${p}\\1>)`, 'y'),
    };
    // Prefixes are few (one per sender's style); bounded anyway.
    if (patternsByPrefix.size < 16) patternsByPrefix.set(prefix, patterns);
  }
  return patterns;
}

/** The whole `To` elements of `prefix` starting at `at` in `text`, separated by whitespace only. */
export function scanRecipients(text: string, at: number, prefix: string): ScannedRun {
  const { open, close, child } = patternsOf(prefix);
  const recipients: ScannedRecipient[] = [];
  let end = at;
  let i = at;
  for (;;) {
    open.lastIndex = i;
    if (!open.test(text)) break;
    i = open.lastIndex;
    const space = skipSpace(text, i);
    i += space.length;
    const children: ScannedChild[] = [];
    for (;;) {
      child.lastIndex = i;
      const match = child.exec(text);
      if (!match) break;
      children.push({ local: match[1]!, text: match[2] ?? '' });
      i = child.lastIndex;
      i += skipSpace(text, i).length;
    }
    close.lastIndex = i;
    if (!close.test(text)) break;
    recipients.push({ leading: lineEnds(space), children });
    i = close.lastIndex;
    end = i;
    i += skipSpace(text, i).length;
  }
  return { recipients, end };
}

/** XML's end-of-line handling, as saxes applies it to text. */
export function lineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function skipSpace(text: string, at: number): string {
  WS.lastIndex = at;
  WS.test(text);
  return text.slice(at, WS.lastIndex);
}
