import { abbreviate } from '../agency/agency-settings.js';
import { addCalendarDays, vietnamDate, vietnamYear } from '@eoffice/vietnamese';
import type { DirectoryEndpoint } from '../directory/directory-file.js';
import { mulberry32 } from '../directory/demo-province.js';
import { INCOMING_SUBJECTS, OUTGOING_SUBJECTS, RESULT_NOTES, type SubjectTemplate } from './demo-catalogue.js';
import { OFFICE_MINUTES, laterInOfficeHours, vietnamMoment, workingDateFrom } from './demo-time.js';

export type IncomingStep = 'receive' | 'verify' | 'reject' | 'register' | 'present' | 'assign' | 'start' | 'complete' | 'file';
export type OutgoingStep = 'draft' | 'submit' | 'returnDraft' | 'approve' | 'sign' | 'bindNumber' | 'abandonIssue' | 'issue' | 'dispatch' | 'archive';

export interface PlannedStep {
  readonly at: Date;
  readonly action: IncomingStep | OutgoingStep;
}

interface PlannedCommon {
  readonly index: number;
  readonly type: string;
  readonly subject: string;
  readonly urgency: 'normal' | 'urgent' | 'very-urgent' | 'flash';
  readonly steps: readonly PlannedStep[];
  /** For a step that needs one: a deadline, a reason, a note. */
  readonly dueDate: string;
  readonly note: string;
}

export interface PlannedIncoming extends PlannedCommon {
  readonly direction: 'incoming';
  readonly source: 'paper' | 'file' | 'axis';
  readonly from: { readonly code: string; readonly name: string };
  readonly number: string;
  readonly symbol: string;
  readonly issuedDate: string;
}

export interface PlannedOutgoing extends PlannedCommon {
  readonly direction: 'outgoing';
  readonly to: readonly string[];
  readonly issuedAmount: number;
  readonly paperDispatch: boolean;
}

export type PlannedDocument = PlannedIncoming | PlannedOutgoing;

export interface DemoPlanOptions {
  readonly seed: number;
  readonly docs: number;
  /** Nothing happens after this instant (the seeding "now"); documents start over the two years before its year. */
  readonly until: Date;
  readonly agencyCode: string;
  readonly endpoints: readonly DirectoryEndpoint[];
  /** Without a signer, outgoing documents stop at `approved`; without a verifier, incoming ones arrive on paper. */
  readonly canSign: boolean;
  readonly canVerify: boolean;
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted<T extends string>(random: Random, weights: ReadonlyArray<readonly [T, number]>): T {
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of weights) {
    r -= w;
    if (r < 0) return value;
  }
  return weights.at(-1)![0];
}

const INCOMING_TARGETS = [
  ['receive', 3], ['verify', 2], ['reject', 4], ['register', 5], ['present', 5], ['assign', 10], ['start', 10], ['complete', 20], ['file', 41],
] as const;
const OUTGOING_TARGETS = [
  ['draft', 4], ['submit', 4], ['returnDraft', 2], ['approve', 4], ['sign', 4], ['issue', 8], ['dispatch', 30], ['archive', 44],
] as const;
const URGENCY = [['normal', 80], ['urgent', 12], ['very-urgent', 5], ['flash', 3]] as const;

/** "Ủy ban nhân dân huyện An Bình" → "UBND"; "Sở Tài chính" → "STC": the issuer part of a ký hiệu. */
export function issuerAbbreviation(name: string): string {
  if (/^Ủy ban nhân dân/u.test(name)) return 'UBND';
  if (/^Văn phòng Ủy ban nhân dân/u.test(name)) return 'VP';
  return abbreviate(name.replace(/\s*\(.*\)\s*/gu, ' ').replace(/\s+-\s+/g, ' '));
}

function fill(template: SubjectTemplate, random: Random, year: number, places: readonly DirectoryEndpoint[]): string {
  return template.subject
    .replaceAll('{y}', String(year))
    .replaceAll('{q}', pick(random, ['I', 'II', 'III', 'IV']))
    .replaceAll('{m}', String(1 + Math.floor(random() * 12)))
    .replaceAll('{p}', pick(random, places).name.replace(/^Ủy ban nhân dân /u, ''));
}

/**
 * The demo documents and every step each takes, decided up front from the seed alone (mulberry32): the same seed,
 * count, `until` and directory always give the same plan. Steps carry their instants; the seeder runs all steps of
 * all documents in time order, so numbers are allocated in the order a real office would allocate them.
 */
export function planDemo(options: DemoPlanOptions): PlannedDocument[] {
  const random = mulberry32(options.seed);
  const untilDate = vietnamDate(options.until);
  const firstDate = `${vietnamYear(options.until) - 2}-01-02`;
  const span = Math.max(1, Math.round((Date.parse(untilDate) - Date.parse(firstDate)) / 86_400_000));
  const others = options.endpoints.filter((e) => e.code !== options.agencyCode);
  const senders = others.filter((e) => e.level <= 2 || e.kind === 'commune');
  const recipients = others.filter((e) => e.level <= 2);
  const places = others.filter((e) => e.kind === 'district' || e.kind === 'commune' || e.kind === 'department');

  const starts = Array.from({ length: options.docs }, () => {
    const date = workingDateFrom(addCalendarDays(firstDate, Math.floor(random() * span)));
    const minute = OFFICE_MINUTES.open + Math.floor(random() * (OFFICE_MINUTES.close - OFFICE_MINUTES.open));
    return { at: vietnamMoment(date, minute), incoming: random() < 0.6 };
  })
    .filter((s) => s.at.getTime() <= options.until.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  // A start that fell after `until` (moved past a weekend) becomes one just before it, so the count stays exact.
  while (starts.length < options.docs) starts.push({ at: new Date(options.until.getTime() - 60_000), incoming: random() < 0.6 });

  const issuerCounters = new Map<string, number>();
  return starts.map((start, index) => {
    const year = vietnamYear(start.at);
    const urgency = weighted(random, URGENCY);
    // Urgent documents move within hours, ordinary ones within days.
    const gap = () => (urgency === 'normal' ? 30 + Math.floor(random() * 60 * 24 * 2) : 15 + Math.floor(random() * 240));
    const steps: PlannedStep[] = [];
    let at = start.at;
    const push = (action: PlannedStep['action']) => {
      if (steps.length > 0) at = laterInOfficeHours(at, gap(), Math.floor(random() * 90));
      steps.push({ at, action });
    };
    const note = pick(random, RESULT_NOTES);
    if (start.incoming) {
      const template = pick(random, INCOMING_SUBJECTS);
      const from = pick(random, senders);
      const key = `${from.code}/${year}`;
      const number = (issuerCounters.get(key) ?? 5 + Math.floor(random() * 120)) + 1 + Math.floor(random() * 12);
      issuerCounters.set(key, number);
      const issuer = issuerAbbreviation(from.name);
      const symbol = template.type === 'cong-van' ? `${issuer}-VP` : `${template.type}-${issuer}`;
      const source = !options.canVerify ? 'paper' : weighted(random, [['paper', 45], ['file', 20], ['axis', 35]] as const);
      const target = weighted(random, INCOMING_TARGETS);
      const path: IncomingStep[] =
        target === 'reject' ? ['receive', 'verify', 'reject'] : ['receive', 'verify', 'register', 'present', 'assign', 'start', 'complete', 'file'];
      for (const step of path.slice(0, path.indexOf(target) + 1)) push(step);
      const dueDate = addCalendarDays(vietnamDate(steps.find((s) => s.action === 'assign')?.at ?? at), 7 + Math.floor(random() * 14));
      return {
        direction: 'incoming',
        index,
        type: template.type,
        subject: fill(template, random, year, places),
        urgency,
        source,
        from: { code: from.code, name: from.name },
        number: String(number),
        symbol,
        issuedDate: addCalendarDays(vietnamDate(start.at), -Math.floor(random() * 4)),
        steps: cut(steps, options.until),
        dueDate,
        note: target === 'reject' ? 'Gửi nhầm cơ quan, đề nghị gửi đúng nơi nhận' : note,
      } satisfies PlannedIncoming;
    }
    const template = pick(random, OUTGOING_SUBJECTS);
    let target = weighted(random, OUTGOING_TARGETS);
    if (!options.canSign && ['sign', 'issue', 'dispatch', 'archive'].includes(target)) target = 'approve';
    const order: OutgoingStep[] = ['draft', 'submit', 'approve', 'sign', 'issue', 'dispatch', 'archive'];
    if (target === 'returnDraft') {
      for (const step of ['draft', 'submit', 'returnDraft'] as const) push(step);
    } else {
      for (const step of order.slice(0, order.indexOf(target) + 1)) {
        if (step === 'approve' && random() < 0.15) {
          push('returnDraft');
          push('submit');
        }
        if (step === 'issue' && random() < 0.04) {
          push('bindNumber');
          push('abandonIssue');
        }
        push(step);
      }
    }
    const count = 1 + Math.floor(random() * 3);
    const to = [...new Set(Array.from({ length: count }, () => pick(random, recipients).code))].sort();
    return {
      direction: 'outgoing',
      index,
      type: template.type,
      subject: fill(template, random, year, places),
      urgency,
      to,
      issuedAmount: to.length + 2,
      paperDispatch: random() < 0.3,
      steps: cut(steps, options.until),
      dueDate: addCalendarDays(vietnamDate(start.at), 10),
      note: steps.some((s) => s.action === 'abandonIssue') ? 'Sai thể thức, hủy số để ban hành lại' : 'Đề nghị chỉnh sửa căn cứ pháp lý',
    } satisfies PlannedOutgoing;
  });
}

/** Steps planned after `until` have not happened yet: the document stays where it is. */
function cut(steps: readonly PlannedStep[], until: Date): PlannedStep[] {
  return steps.filter((s) => s.at.getTime() <= until.getTime());
}
