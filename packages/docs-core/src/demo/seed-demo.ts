import { bindCertificate } from '../certificates/certificate-bindings.js';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EOfficeError } from '@eoffice/contract';
import { vietnamYear } from '@eoffice/vietnamese';
import { FixedClock } from '../clock/clock.js';
import { findDocumentType } from '../model/document-types.js';
import type { DocumentSigner } from '../ports/document-signer.js';
import type { SignatureVerifier } from '../ports/signature-verifier.js';
import type { Store } from '../store/store.js';
import type { Actor } from '../users/actor.js';
import { setSignatureImage } from '../users/signature-image.js';
import { setIssuingPlace } from '../agency/issuing-place.js';
import { setAgencySeal } from '../agency/seal-image.js';
import { DocumentWorkflow } from '../workflow/document-workflow.js';
import { DEMO_PEOPLE } from './demo-catalogue.js';
import { DemoRecords } from './demo-records.js';
import { makeDemoPdf } from './demo-pdf.js';
import { markSeedFinished } from './interrupted-seed.js';
import { DEFAULT_DEMO_PASSWORD, DEMO_AGENCY, DEMO_DIRECTORY_FILE, setUpDemoAgency, startDemoSeed } from './demo-setup.js';
import { planDemo, type PlannedDocument, type PlannedIncoming, type PlannedOutgoing, type PlannedStep } from './demo-plan.js';


export { DEFAULT_DEMO_PASSWORD, DEMO_AGENCY, DEMO_DIRECTORY_FILE };
export const DEMO_SIGNATURE_IMAGE = fileURLToPath(new URL('../../../../resources/samples/signature-sample.png', import.meta.url));
export const DEMO_SEAL_IMAGE = fileURLToPath(new URL('../../../../resources/samples/seal-sample.png', import.meta.url));
const DEMO_PLACE = 'Tỉnh Demo';
const DEMO_LEADER = DEMO_PEOPLE.find((p) => p.username === 'lanhdao')!;
const DEMO_SIGNATURE_BLOCK = { lines: [DEMO_LEADER.position], name: DEMO_LEADER.fullName };

export interface SeedDemoOptions {
  readonly store: Store;
  readonly docs: number;
  readonly seed: number;
  /** Every demo user gets it; `demo` unless given. */
  readonly password?: string;
  /** The seeding "now": nothing is dated after it. The documents span its year and the two before. */
  readonly until: Date;
  /**
   * Scratch folder for the sample PDFs: the data folder's own (swept at start), not the system temp folder, where a
   * killed seed left its files for good.
   */
  readonly workDir: string;
  readonly signer?: DocumentSigner;
  /**
   * The seal of the agency that sends an axis arrival, by its name (issue 11 item 12): each arrival is sealed with it
   * before it reaches the axis intake, as its sender would have. Without it the arrivals come unsigned.
   */
  readonly arrivalSealer?: (senderName: string) => DocumentSigner;
  readonly verifier?: SignatureVerifier;
  /** The certificates (DER) of the signer's two keys: bound to the demo leader and to the agency before any signing. */
  readonly signingCertificates?: { readonly leader: Uint8Array; readonly agency: Uint8Array };
  readonly directoryFile?: string;
  readonly fontDir?: string;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SeedDemoSummary {
  readonly agency: string;
  readonly users: readonly string[];
  readonly endpoints: number;
  readonly documents: number;
  /** Documents per direction and year (the register year; null for drafts not yet numbered). */
  readonly byDirectionYear: Record<string, number>;
  readonly byState: Record<string, number>;
  readonly registerEntries: Record<string, number>;
  readonly steps: number;
  /** Hồ sơ: the approved yearly file lists and the record files by state. */
  readonly records: { readonly plans: number; readonly files: Record<string, number> };
}

/**
 * Fills an EMPTY store with the demo province, one user per role and `docs` documents that went through the real
 * workflow (so the audit chain, the registers and the numbering are what the services would have written), each
 * step at its planned instant on a fixed clock. Refuses a store that already holds users or documents; a seed that
 * did not finish is marked so that `discardInterruptedSeed` can clear it for the next one.
 */
export async function seedDemo(options: SeedDemoOptions): Promise<SeedDemoSummary> {
  const { store } = options;
  if (!Number.isInteger(options.docs) || options.docs < 0 || options.docs > 100_000) {
    throw new EOfficeError('E_INVALID_INPUT', `Số văn bản mẫu phải từ 0 đến 100000 / --docs must be 0…100000: ${options.docs}`);
  }
  const directory = await startDemoSeed(store, options.directoryFile ?? DEMO_DIRECTORY_FILE);
  const plan = planDemo({
    seed: options.seed,
    docs: options.docs,
    until: options.until,
    agencyCode: DEMO_AGENCY.organId,
    endpoints: directory.endpoints,
    canSign: options.signer !== undefined,
    canVerify: options.verifier !== undefined,
  });
  // Everything before the first document happens on 1 January of the first year.
  const firstStep = plan[0]?.steps[0]?.at ?? options.until;
  const clock = new FixedClock(new Date(Math.min(firstStep.getTime(), options.until.getTime()) - 3_600_000));
  const { endpoints, as } = await setUpDemoAgency(store, clock, directory, options.password ?? DEFAULT_DEMO_PASSWORD);
  // The sample images (demo only): the leader's blue signature and the agency's red seal, and the place of the date line.
  await setSignatureImage(store, clock, as('lanhdao'), 'lanhdao', DEMO_SIGNATURE_IMAGE);
  await setAgencySeal(store, clock, as('vanthu'), DEMO_SEAL_IMAGE);
  await setIssuingPlace(store.db, clock, as('admin'), DEMO_PLACE);
  // Decree 30 Điều 5, 32–33: the leader signs and the clerk seals only with the keys bound to them.
  if (options.signingCertificates && options.verifier) {
    const { leader, agency } = options.signingCertificates;
    await bindCertificate(store.db, clock, as('lanhdao'), 'person', { id: as('lanhdao').id, username: 'lanhdao' }, options.verifier.readCertificate(leader));
    await bindCertificate(store.db, clock, as('vanthu'), 'agency', null, options.verifier.readCertificate(agency));
  }

  const workflow = new DocumentWorkflow({
    store,
    clock,
    ...(options.signer ? { signer: options.signer } : {}),
    ...(options.verifier ? { verifier: options.verifier } : {}),
  });
  await mkdir(options.workDir, { recursive: true, mode: 0o700 });
  const pdfDir = await mkdtemp(join(options.workDir, 'demo-pdf-'));
  try {
    const pdfs = await writeDemoPdfs(pdfDir, plan, options.fontDir);
    const events = plan
      .flatMap((doc) => doc.steps.map((step, order) => ({ doc, step, order })))
      .sort((a, b) => a.step.at.getTime() - b.step.at.getTime() || a.doc.index - b.doc.index || a.order - b.order);
    const ids = new Map<number, string>();
    const records = new DemoRecords(store, clock, as);
    let year: number | undefined;
    let done = 0;
    for (const { doc, step } of events) {
      clock.set(step.at);
      // Hồ sơ (issue 14): at the turn of each year the past one's files are closed and the new list approved.
      if (vietnamYear(step.at) !== year) {
        if (year !== undefined) await records.fileYear(year, true);
        year = vietnamYear(step.at);
        await records.startYear(year);
      }
      const id = await runStep(workflow, as, doc, step, ids.get(doc.index), pdfs, options.arrivalSealer);
      ids.set(doc.index, id);
      if (step === doc.steps.at(-1)) {
        done += 1;
        options.onProgress?.(done, plan.length);
      }
    }
    if (year !== undefined) {
      clock.set(options.until);
      await records.fileYear(year, false);
    }
  } finally {
    await rm(pdfDir, { recursive: true, force: true });
  }
  const summary = await summarise(store, endpoints, plan.reduce((n, d) => n + d.steps.length, 0));
  await markSeedFinished(store.dataDir);
  return summary;
}

/** The PDF a planned document uses: an outgoing draft its own, an incoming document one per type. */
function demoPdfKey(doc: PlannedDocument): string {
  return doc.direction === 'outgoing' ? `outgoing-${doc.index}` : `${doc.direction}-${doc.type}`;
}

/**
 * Small real PDFs: one per incoming type, reused by every document of that type, and one per outgoing draft, which
 * carries its own trích yếu so that it passes the format check before approval (Phụ lục I, issue 11 item 8).
 */
async function writeDemoPdfs(dir: string, plan: readonly PlannedDocument[], fontDir?: string): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  for (const doc of plan) {
    const key = demoPdfKey(doc);
    if (paths.has(key)) continue;
    const type = findDocumentType(doc.type);
    const bytes = await makeDemoPdf(
      {
        issuer: doc.direction === 'outgoing' ? DEMO_AGENCY.name : doc.from.name,
        numberLine: type.abbreviation ? `Số:      /${type.abbreviation}-…` : 'Số:      /…',
        typeName: type.abbreviation || type.code === 'cong-van' ? type.name : '',
        subject: doc.direction === 'outgoing' ? doc.subject : `Văn bản mẫu: ${type.name}`,
        body:
          'Nội dung văn bản mẫu phục vụ trình diễn phần mềm E-Office Desktop. Các tên cơ quan, số liệu và trích yếu ' +
          'đều là dữ liệu giả lập, không phải văn bản thật.',
        // An outgoing draft carries the date line and the leader's signature block, where doc sign/issue draw.
        ...(doc.direction === 'outgoing' ? { dateLine: `${DEMO_PLACE}, ngày      tháng      năm      `, signatureBlock: DEMO_SIGNATURE_BLOCK } : {}),
      },
      fontDir,
    );
    const path = join(dir, `${key.replace(/[^\p{L}\p{N}-]/gu, '_')}.pdf`);
    await writeFile(path, bytes);
    paths.set(key, path);
  }
  return paths;
}

async function runStep(
  workflow: DocumentWorkflow,
  as: (username: string) => Actor,
  doc: PlannedDocument,
  step: PlannedStep,
  id: string | undefined,
  pdfs: Map<string, string>,
  arrivalSealer: SeedDemoOptions['arrivalSealer'],
): Promise<string> {
  const file = { path: pdfs.get(demoPdfKey(doc))!, name: `${doc.type}-${doc.index + 1}.pdf` };
  if (doc.direction === 'incoming') return runIncomingStep(workflow, as, doc, step, id, file, arrivalSealer);
  return runOutgoingStep(workflow, as, doc, step, id, file);
}

async function runIncomingStep(
  workflow: DocumentWorkflow,
  as: (username: string) => Actor,
  doc: PlannedIncoming,
  step: PlannedStep,
  id: string | undefined,
  file: { path: string; name: string },
  arrivalSealer: SeedDemoOptions['arrivalSealer'],
): Promise<string> {
  const clerk = as('vanthu');
  if (step.action === 'receive') {
    const common = {
      from: doc.from.code,
      fromName: doc.from.name,
      number: doc.number,
      symbol: doc.symbol,
      issuedDate: doc.issuedDate,
      type: doc.type,
      subject: doc.subject,
      urgency: doc.urgency,
      secrecy: 'none' as const,
      language: 'Tiếng Việt',
    };
    if (doc.source === 'axis') {
      const sample = await readFile(file.path);
      const pdf = arrivalSealer ? await sealAsSender(arrivalSealer(doc.from.name), doc, sample, step.at) : sample;
      const view = await workflow.receiveFromAxis({
        ...common,
        pdf,
        pdfName: file.name,
        attachments: [],
        exchangeDocumentId: `${doc.from.code},${doc.issuedDate.replaceAll('-', '/')},${doc.number}/${doc.symbol}`,
        businessType: 0,
      });
      return view.id;
    }
    return (await workflow.receive(clerk, { ...common, file, attachments: [], source: doc.source })).id;
  }
  const docId = id!;
  switch (step.action) {
    case 'verify':
      await workflow.verify(clerk, docId);
      break;
    case 'reject':
      await workflow.reject(clerk, docId, doc.note);
      break;
    case 'register':
      // The arrival check holds the demo's electronic arrivals (Điều 21): a file handed over is a sample nobody signed;
      // an axis arrival carries its sender's seal made with a demo key, named "(DEMO)", which neither the directory nor
      // any trust anchor knows. The seed registers them as a clerk would, confirmed with a reason the audit keeps. A
      // sound arrival (a paper scan) needs no confirmation and the reason is not recorded.
      await workflow.register(clerk, docId, { confirm: true, reason: registerReason(doc, arrivalSealer !== undefined) });
      break;
    case 'present':
      await workflow.present(clerk, docId);
      break;
    case 'assign':
      await workflow.assign(as('lanhdao'), docId, { lead: 'chuyenvien', support: [], inform: ['vanthu'], dueDate: doc.dueDate, note: 'Đề nghị tham mưu xử lý' });
      break;
    case 'start':
      await workflow.start(as('chuyenvien'), docId);
      break;
    case 'complete':
      await workflow.complete(as('chuyenvien'), docId, { note: doc.note });
      break;
    case 'file':
      await workflow.file(as('luutru'), docId);
      break;
    default:
      throw new EOfficeError('E_INTERNAL', `bước không hợp lệ cho văn bản đến: ${step.action}`);
  }
  return docId;
}

function registerReason(doc: PlannedIncoming, sealed: boolean): string {
  if (doc.source === 'axis' && sealed) {
    return (
      'Dữ liệu trình diễn: chữ ký số của cơ quan gửi dùng khoá mẫu (DEMO), không chứng thư gốc tin cậy nào biết / ' +
      "demo data: the sender's seal is a demo key (DEMO) no trust anchor knows"
    );
  }
  return 'Dữ liệu trình diễn: tệp mẫu chưa ký số / demo data: an unsigned sample file';
}

/**
 * The sender's seal on an axis arrival, as an agency seals what it issues (Điều 33 khoản 2): invisible (the sample has
 * no fields), with its number in the reason. Sealed on the day of issue, and always before it arrived.
 */
async function sealAsSender(sealer: DocumentSigner, doc: PlannedIncoming, pdf: Uint8Array, arrivedAt: Date): Promise<Uint8Array> {
  const issuedMorning = Date.parse(`${doc.issuedDate}T08:00:00+07:00`);
  const signingTime = new Date(Math.min(issuedMorning, arrivedAt.getTime() - 15 * 60_000));
  const sealed = await sealer.sealAsAgency({
    pdf,
    agencyName: doc.from.name,
    numberAndSymbol: `${doc.number}/${doc.symbol}`,
    issuedDate: doc.issuedDate,
    signingTime,
    sealImage: null,
    issuingPlace: null,
  });
  return sealed.pdf;
}

async function runOutgoingStep(
  workflow: DocumentWorkflow,
  as: (username: string) => Actor,
  doc: PlannedOutgoing,
  step: PlannedStep,
  id: string | undefined,
  file: { path: string; name: string },
): Promise<string> {
  if (step.action === 'draft') {
    const view = await workflow.draft(as('chuyenvien'), {
      type: doc.type,
      subject: doc.subject,
      file,
      attachments: [],
      to: [...doc.to],
      urgency: doc.urgency,
      secrecy: 'none',
      signer: 'lanhdao',
      issuedAmount: doc.issuedAmount,
      language: 'Tiếng Việt',
      direction: 'outgoing',
    });
    return view.id;
  }
  const docId = id!;
  const clerk = as('vanthu');
  switch (step.action) {
    case 'submit':
      await workflow.submit(as('chuyenvien'), docId);
      break;
    case 'returnDraft':
      await workflow.returnDraft(as('lanhdao'), docId, 'Đề nghị chỉnh sửa căn cứ pháp lý');
      break;
    case 'approve':
      await workflow.approve(as('lanhdao'), docId);
      break;
    case 'sign':
      await workflow.sign(as('lanhdao'), docId);
      break;
    case 'bindNumber':
      await workflow.bindNumber(clerk, docId);
      break;
    case 'abandonIssue':
      await workflow.abandonIssue(clerk, docId, doc.note);
      break;
    case 'issue':
      await workflow.issue(clerk, docId);
      break;
    case 'dispatch':
      await workflow.dispatch(clerk, docId, { paper: doc.paperDispatch });
      break;
    case 'archive':
      await workflow.archive(as('luutru'), docId);
      break;
    default:
      throw new EOfficeError('E_INTERNAL', `bước không hợp lệ cho văn bản đi: ${step.action}`);
  }
  return docId;
}

async function summarise(store: Store, endpoints: number, steps: number): Promise<SeedDemoSummary> {
  const db = store.db;
  const byDirectionYear: Record<string, number> = {};
  for (const row of await db.selectFrom('documents').select(['direction', 'year']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy(['direction', 'year']).orderBy('direction').orderBy('year').execute()) {
    byDirectionYear[`${row.direction}/${row.year ?? 'chưa số'}`] = Number(row.n);
  }
  const byState: Record<string, number> = {};
  for (const row of await db.selectFrom('documents').select('state').select((eb) => eb.fn.countAll<number>().as('n')).groupBy('state').orderBy('state').execute()) {
    byState[row.state] = Number(row.n);
  }
  const registerEntries: Record<string, number> = {};
  for (const row of await db.selectFrom('register_entries').select('register_id').select((eb) => eb.fn.countAll<number>().as('n')).groupBy('register_id').orderBy('register_id').execute()) {
    registerEntries[row.register_id] = Number(row.n);
  }
  const documents = Object.values(byState).reduce((a, b) => a + b, 0);
  const plans = (await db.selectFrom('file_plans').select('year').where('state', '=', 'approved').execute()).length;
  const files: Record<string, number> = {};
  for (const row of await db.selectFrom('record_files').select('state').select((eb) => eb.fn.countAll<number>().as('n')).groupBy('state').orderBy('state').execute()) {
    files[row.state] = Number(row.n);
  }
  return { agency: DEMO_AGENCY.organId, users: DEMO_PEOPLE.map((p) => p.username), endpoints, documents, byDirectionYear, byState, registerEntries, steps, records: { plans, files } };
}

