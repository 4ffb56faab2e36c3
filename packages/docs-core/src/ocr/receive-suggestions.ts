import { foldVietnamese } from '@eoffice/vietnamese';
import { DOCUMENT_TYPES, type DocumentType } from '../model/document-types.js';

/**
 * Proposals for the clerk's receive form, read from page 1 of an incoming document (Decree 30 Phụ lục I layout: the
 * issuer at the top left, "Số: 12/QĐ-UBND" under it, the place and date at the top right, the type's name, then the
 * subject, or "V/v …" under the number for a công văn). Each carries a confidence between 0 and 1: the clerk confirms
 * or corrects; nothing here is stored.
 */
export interface Suggestion<T> {
  readonly value: T;
  readonly confidence: number;
}

export interface DirectoryCandidate {
  readonly code: string;
  readonly name: string;
  readonly parentName: string | null;
}

export interface ReceiveSuggestions {
  readonly number: Suggestion<string> | null;
  readonly symbol: Suggestion<string> | null;
  /** `YYYY-MM-DD`. */
  readonly issuedDate: Suggestion<string> | null;
  readonly issuer: Suggestion<{ readonly code: string; readonly name: string }> | null;
  /** The document type's code (`QĐ`, `cong-van`, …). */
  readonly type: Suggestion<string> | null;
  readonly subject: Suggestion<string> | null;
}

/** A line with its folded twin of the same length: labels are found folded, values are read from the original. */
interface Line {
  readonly text: string;
  readonly folded: string;
}

function lineOf(text: string): Line {
  const nfc = text.normalize('NFC');
  let folded = '';
  for (const ch of nfc) {
    const f = foldVietnamese(ch);
    folded += f.length === ch.length ? f : (f + ' '.repeat(ch.length)).slice(0, ch.length);
  }
  return { text: nfc, folded };
}

const NUMBER_LABEL = /(?:^|[^a-z])s[o6ô0][\s.]*[:;.,]?\s*(\d{1,6})\s*[/|]\s*([\p{L}\d][\p{L}\d.\-–&]*[\p{L}\d])/u;
const DATE_TEXT = /ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/;
const DATE_NUMERIC = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/;
const SUBJECT_LABEL = /(?:^|\s)v\s*[/|]\s*v\s*[:.]?\s*/;
const ABOUT_LABEL = /^\s*ve\s+viec\s+/;
const NATIONAL_MOTTO = /cong\s+hoa|xa\s+hoi\s+chu\s+nghia|doc\s+lap|tu\s+do|hanh\s+phuc/;

export function suggestFromText(text: string, directory: readonly DirectoryCandidate[]): ReceiveSuggestions {
  const lines = text.split(/\r?\n/).map(lineOf);
  const numbered = findNumber(lines);
  const type = findType(lines, numbered?.symbol ?? null);
  const issuer = findIssuer(lines, numbered?.line ?? Math.min(lines.length, 10), directory);
  return {
    number: numbered ? { value: numbered.number, confidence: numbered.confidence } : null,
    symbol: numbered ? { value: issuer ? mendIssuerPart(numbered.symbol, issuer.value.name) : numbered.symbol, confidence: numbered.confidence } : null,
    issuedDate: findDate(lines),
    issuer,
    type,
    subject: findSubject(lines, type?.value ?? null),
  };
}

/**
 * OCR reads the Đ inside the issuer's abbreviation as D too (SGDDT for SGDĐT): a part of the symbol that folds to the
 * initials of the matched issuer's name (Sở Giáo dục và Đào tạo → SGDĐT, "và" left out) takes their spelling.
 */
function mendIssuerPart(symbol: string, issuerName: string): string {
  const initials = issuerName
    .normalize('NFC')
    .split(/[\s,]+/u)
    .filter((w) => w !== '' && w.toLowerCase() !== 'và' && /^\p{L}/u.test(w))
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
  if (initials.length < 2) return symbol;
  return symbol
    .split('-')
    .map((part) => (part !== initials && foldVietnamese(part) === foldVietnamese(initials) ? initials : part))
    .join('-');
}

function findNumber(lines: readonly Line[]): { number: string; symbol: string; confidence: number; line: number } | null {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const match = NUMBER_LABEL.exec(line.folded);
    if (!match) continue;
    const start = match.index + match[0].length - match[2]!.length;
    const symbol = canonicalTypePrefix(line.text.slice(start, start + match[2]!.length).replace(/–/g, '-'));
    const number = match[1]!;
    // A symbol that starts with a known type abbreviation (QĐ-UBND) or holds a dash (UBND-VP) has Decree 30's shape.
    const shaped = /^[\p{L}]+(?:-[\p{L}\d.&]+)+$/u.test(symbol);
    const typed = DOCUMENT_TYPES.some((t) => t.abbreviation !== null && symbol.startsWith(`${t.abbreviation}-`));
    return { number, symbol, confidence: typed ? 0.9 : shaped ? 0.75 : 0.5, line: i };
  }
  return null;
}

/**
 * OCR often drops the bar of Đ (QĐ read as QD): a prefix that is no abbreviation as read but folds to exactly one
 * is given that abbreviation's spelling. An exact abbreviation (DA, Dự án) always wins over a folded one (ĐA).
 */
function canonicalTypePrefix(symbol: string): string {
  const dash = symbol.indexOf('-');
  if (dash <= 0) return symbol;
  const prefix = symbol.slice(0, dash);
  if (DOCUMENT_TYPES.some((t) => t.abbreviation === prefix)) return symbol;
  const folded = foldVietnamese(prefix);
  const matches = DOCUMENT_TYPES.filter((t) => t.abbreviation !== null && foldVietnamese(t.abbreviation) === folded && t.abbreviation.toUpperCase() === t.abbreviation === (prefix.toUpperCase() === prefix));
  return matches.length === 1 ? `${matches[0]!.abbreviation}${symbol.slice(dash)}` : symbol;
}

function findDate(lines: readonly Line[]): Suggestion<string> | null {
  for (const line of lines) {
    const match = DATE_TEXT.exec(line.folded.replace(/\s+/g, ' '));
    const date = match ? isoDate(match[1]!, match[2]!, match[3]!) : null;
    if (date) return { value: date, confidence: 0.9 };
  }
  for (const line of lines) {
    const match = DATE_NUMERIC.exec(line.folded);
    const date = match ? isoDate(match[1]!, match[2]!, match[3]!) : null;
    if (date) return { value: date, confidence: 0.5 };
  }
  return null;
}

function isoDate(day: string, month: string, year: string): string | null {
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  if (y < 1945 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The type from the symbol's prefix and from a title line in capitals (QUYẾT ĐỊNH); both agreeing is surest. */
function findType(lines: readonly Line[], symbol: string | null): Suggestion<string> | null {
  const bySymbol = symbol ? DOCUMENT_TYPES.find((t) => t.abbreviation !== null && symbol.startsWith(`${t.abbreviation}-`)) : undefined;
  const byTitle = titleType(lines);
  if (bySymbol && byTitle) return { value: bySymbol.code, confidence: bySymbol === byTitle ? 0.95 : 0.6 };
  if (bySymbol) return { value: bySymbol.code, confidence: 0.8 };
  if (byTitle) return { value: byTitle.code, confidence: 0.75 };
  // No abbreviation before the issuer's in the symbol and a "V/v" line: Decree 30's công văn.
  if (symbol && lines.some((l) => SUBJECT_LABEL.test(l.folded))) return { value: 'cong-van', confidence: 0.7 };
  return null;
}

function titleType(lines: readonly Line[]): DocumentType | undefined {
  const names = DOCUMENT_TYPES.map((t) => ({ type: t, folded: foldVietnamese(t.name) })).sort((a, b) => b.folded.length - a.folded.length);
  for (const line of lines.slice(0, 30)) {
    const letters = line.text.replace(/[^\p{L}]/gu, '');
    if (letters.length < 4 || letters !== letters.toUpperCase()) continue;
    const folded = line.folded.trim().replace(/\s+/g, ' ');
    const found = names.find((n) => folded === n.folded);
    if (found) return found.type;
  }
  return undefined;
}

/** "V/v …" (công văn) or the line(s) under the type's title ("Về việc …", "Ban hành …"), up to a blank line. */
function findSubject(lines: readonly Line[], typeCode: string | null): Suggestion<string> | null {
  for (let i = 0; i < lines.length; i += 1) {
    const match = SUBJECT_LABEL.exec(lines[i]!.folded);
    if (!match) continue;
    const first = lines[i]!.text.slice(match.index + match[0].length).trim();
    return subjectFrom([first, ...continuation(lines, i + 1)], 0.8);
  }
  const typeName = typeCode ? DOCUMENT_TYPES.find((t) => t.code === typeCode)?.name : undefined;
  if (!typeName) return null;
  const folded = foldVietnamese(typeName);
  const title = lines.findIndex((l) => l.folded.trim().replace(/\s+/g, ' ') === folded);
  if (title < 0) return null;
  const next = lines.slice(title + 1).findIndex((l) => l.text.trim() !== '');
  if (next < 0) return null;
  const start = title + 1 + next;
  const body = [lines[start]!.text.trim(), ...continuation(lines, start + 1)];
  const about = ABOUT_LABEL.exec(lineOf(body[0]!).folded);
  if (about) body[0] = body[0]!.slice(about[0].length);
  return subjectFrom(body, about ? 0.75 : 0.55);
}

/** Lines that continue a subject: until a blank line, a centred heading in capitals, or three lines. */
function continuation(lines: readonly Line[], from: number): string[] {
  const more: string[] = [];
  for (let i = from; i < lines.length && more.length < 2; i += 1) {
    const text = lines[i]!.text.trim();
    if (text === '' || /^(kinh gui|can cu|[-–*+]|\d+\.)/.test(lines[i]!.folded.trim())) break;
    const letters = text.replace(/[^\p{L}]/gu, '');
    if (letters.length > 3 && letters === letters.toUpperCase()) break;
    more.push(text);
  }
  return more;
}

function subjectFrom(parts: readonly string[], confidence: number): Suggestion<string> | null {
  const value = parts.join(' ').replace(/\s+/g, ' ').trim();
  if (value.length < 3) return null;
  const cased = value.charAt(0).toUpperCase() + value.slice(1);
  return { value: cased, confidence };
}

/**
 * The issuer: the directory entry whose folded name appears in the header above "Số:", with its parent (the line
 * above it: UBND TỈNH …) as a tie-breaker, since the same unit name (Phòng Tư pháp) exists under every district.
 */
function findIssuer(lines: readonly Line[], numberLine: number, directory: readonly DirectoryCandidate[]): Suggestion<{ code: string; name: string }> | null {
  const header = lines
    .slice(0, Math.max(1, numberLine))
    .map((l) => l.folded)
    .filter((l) => !NATIONAL_MOTTO.test(l) || l.replace(NATIONAL_MOTTO, '').trim().length > 12)
    .map((l) => l.replace(/cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam|doc\s+lap\s*[-–]\s*tu\s+do\s*[-–]\s*hanh\s+phuc/g, ' '));
  const headerText = ` ${words(header.join(' ')).join(' ')} `;
  let best: { candidate: DirectoryCandidate; score: number } | null = null;
  for (const candidate of directory) {
    const name = words(foldVietnamese(candidate.name));
    if (name.length === 0) continue;
    const whole = headerText.includes(` ${name.join(' ')} `);
    const coverage = whole ? 1 : name.filter((w) => headerText.includes(` ${w} `)).length / name.length;
    if (coverage < 0.75) continue;
    const parent = candidate.parentName ? words(foldVietnamese(candidate.parentName)) : [];
    const parentCoverage = parent.length === 0 ? 0 : parent.filter((w) => headerText.includes(` ${w} `)).length / parent.length;
    // Longer names that match whole are more telling than a short one ("Sở Y tế" inside "Phòng Y tế …" is not it).
    const score = coverage + 0.3 * parentCoverage + (whole ? 0.02 * name.length : 0);
    if (!best || score > best.score) best = { candidate, score };
  }
  if (!best) return null;
  return { value: { code: best.candidate.code, name: best.candidate.name }, confidence: Math.min(0.95, Number((best.score / 1.4).toFixed(2))) };
}

function words(folded: string): string[] {
  return folded.replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean).map((w) => (w === 'ubnd' ? 'uy ban nhan dan' : w)).join(' ').split(' ');
}
