import type { MethodPath } from '@eoffice/contract';

/**
 * What the "learns nothing" test (learns-nothing.test.ts) knows of the world it calls into: the secret documents the
 * outsider may not see, and files it may hand over.
 */
export interface CaseWorld {
  /** A top-secret outgoing draft a leader wrote. */
  readonly secretDraft: string;
  /** A top-secret incoming document, assigned to a colleague of the outsider. */
  readonly secretIncoming: string;
  /** A readable one-page PDF outside the data folder. */
  readonly pdf: string;
}

/** The inputs a method is called with, as the outsider; an input may be invalid (it must then fail alike). */
export type LearnsNothingCase = (world: CaseWorld) => readonly unknown[];

const bothIds = ({ secretDraft, secretIncoming }: CaseWorld) => [{ id: secretDraft }, { id: secretIncoming }];
const withNote = (w: CaseWorld) => bothIds(w).map((input) => ({ ...input, note: 'ghi chú', reason: 'lý do' }));

/**
 * ADDING A METHOD TO THE CONTRACT? Add one line here: how to call it so that it names the secret documents (their
 * ids, or whatever identifies them), or plain valid input if it takes none. The test calls it in a world with the
 * secret documents and in the same world without them, and fails unless the two answers are the same. A method
 * without a line here fails the test.
 */
export const LEARNS_NOTHING_CASES: Partial<Record<MethodPath, LearnsNothingCase>> = {
  'system.info': () => [{}],

  'documents.receive': (w) => [{ file: { path: w.pdf }, from: '000.00.17.H99', number: '1', symbol: 'QĐ-UBND', issuedDate: '2026-03-01', type: 'QĐ', subject: 'thử', secrecy: 'top-secret' }],
  'documents.draft': (w) => [{ type: 'QĐ', subject: 'Dự thảo của người ngoài', file: { path: w.pdf } }],
  'documents.revise': (w) => bothIds(w).map((input) => ({ ...input, file: { path: w.pdf }, note: 'thay tệp' })),
  'documents.submit': withNote,
  'documents.approve': withNote,
  'documents.returnDraft': withNote,
  'documents.sign': withNote,
  'documents.issue': withNote,
  'documents.abandonIssue': withNote,
  'documents.prepareSigning': (w) =>
    bothIds(w).flatMap((input) => [
      ...['person', 'agency'].map((kind) => ({ ...input, kind, certificate: 'AAAA' })),
      // A signed copy of a secret document: named by the outsider, it must answer as a missing one.
      { ...input, kind: 'copy', form: 'SY', certificate: 'AAAA' },
    ]),
  'documents.completeSigning': () => [{ preparationId: 'khong-co', signatures: ['AAAA'] }],
  'documents.cancelSigning': () => [{ preparationId: 'khong-co' }],
  'documents.bindNumber': withNote,
  'documents.signOnPaper': (w) => bothIds(w).map((input) => ({ ...input, file: { path: w.pdf } })),
  'documents.issueOnPaper': (w) => bothIds(w).map((input) => ({ ...input, file: { path: w.pdf } })),
  'documents.dispatch': (w) => [...withNote(w), ...bothIds(w).map((input) => ({ ...input, paper: true }))],
  'documents.archive': withNote,
  'documents.recall': withNote,
  'documents.acceptRecall': withNote,
  'documents.refuseRecall': withNote,
  'documents.sendUpdate': withNote,
  'documents.replace': (w) => [
    { id: w.secretDraft, replacementId: w.secretIncoming, reason: 'thay' },
    { id: w.secretIncoming, replacementId: w.secretDraft, reason: 'thay' },
  ],
  'documents.makeCopy': (w) => bothIds(w).flatMap((input) => ['SY', 'TrS', 'SL'].map((form) => ({ ...input, form }))),
  'documents.verify': withNote,
  'documents.register': (w) => [...withNote(w), { id: w.secretIncoming, confirm: true, reason: 'Đã xác minh' }],
  'documents.present': withNote,
  'documents.assign': (w) => bothIds(w).map((input) => ({ ...input, lead: 'chuyenvien', dueDate: '2026-12-31' })),
  'documents.start': withNote,
  'documents.complete': (w) => [...withNote(w), { id: w.secretIncoming, replyDocumentId: w.secretDraft }],
  'documents.file': withNote,
  'documents.reject': withNote,
  'documents.extendDeadline': (w) => bothIds(w).map((input) => ({ ...input, dueDate: '2026-12-31', reason: 'thêm thời gian' })),
  'documents.show': bothIds,
  'documents.list': () => [{}, { direction: 'incoming' }, { direction: 'outgoing', state: 'draft' }, { awaitingMySignature: true }],
  // Ý kiến phối hợp on a secret document: as missing, before the assignment or the state is looked at.
  'documents.giveOpinion': (w) => bothIds(w).map((input) => ({ ...input, text: 'ý kiến' })),
  'documents.history': bothIds,
  'documents.checkFormat': bothIds,
  'documents.dueSoon': () => [{}, { withinWorkingDays: 60 }],

  'users.needsSetup': () => [{}],
  'users.setupFirstAdmin': () => [{ username: 'khach', fullName: 'Khách', password: 'mat-khau-dai' }],
  'users.login': () => [{ username: 'lanhdao', password: 'sai-mat-khau' }, { username: 'nobody', password: 'sai-mat-khau' }],
  'users.logout': () => [{}],
  'users.me': () => [{}],
  'users.add': () => [{ username: 'nguoimoi', roles: ['specialist'] }],
  'users.changePassword': () => [{ currentPassword: 'sai-mat-khau', newPassword: 'mat-khau-moi-dai' }],
  'users.unlock': () => [{ username: 'lanhdao' }],
  'users.resetPassword': () => [{ username: 'chuyenvien2' }],
  'users.deactivate': () => [{ username: 'chuyenvien2' }],
  'users.reactivate': () => [{ username: 'chuyenvien2' }],
  // chuyenvien2 holds the secret assignment and lanhdao the secret draft: their open work names them.
  'users.openWork': () => [{ username: 'chuyenvien2' }, { username: 'lanhdao' }],
  'users.reassign': () => [{ from: 'chuyenvien2', to: 'chuyenvien' }, { from: 'lanhdao', to: 'chuyenvien' }],
  'users.list': () => [{}],
  'users.setSignatureImage': (w) => [{ username: 'chuyenvien', file: { path: w.pdf } }],
  // Ký thay names users, never a document; lanhdao holds the secret draft.
  // Acting for a leader (an admin's call): the outsider is refused as for any leader, the secret draft's author too.
  'users.setDeputy': () => [
    { deputy: 'lanhdao', from: '2026-03-02', to: '2026-03-09' },
    { leader: 'lanhdao', deputy: 'admin', from: '2026-03-02', to: '2026-03-09' },
  ],
  'users.deputies': () => [{}],
  'users.endDeputy': () => [{}, { id: 1 }, { leader: 'lanhdao' }, { leader: 'lanhdao', id: 1 }],

  'registers.agency': () => [{}],
  'registers.initAgency': () => [{ organId: '000.00.01.H99', name: 'Ủy ban' }],
  'registers.entries': () => [
    { year: 2026, direction: 'incoming' },
    { year: 2026, direction: 'incoming', kind: 'secret' },
    { year: 2026, direction: 'outgoing' },
    // By pages: a hidden line must change neither a page's lines nor the total.
    { year: 2026, direction: 'incoming', limit: 1 },
    { year: 2026, direction: 'incoming', limit: 2, after: { sequenceKey: 'all', number: 1 } },
    { year: 2026, direction: 'incoming', limit: 2, offset: 1 },
  ],
  'registers.print': () => [{ year: 2026, direction: 'incoming' }, { year: 2026, direction: 'incoming', kind: 'secret' }],
  'registers.setAgencySeal': (w) => [{ file: { path: w.pdf } }],
  'registers.setIssuingPlace': () => [{ place: 'Hà Nội' }],

  'audit.verify': () => [{}],
  'audit.list': (w) => [
    {}, { objectId: w.secretDraft }, { objectId: w.secretIncoming },
    { objectId: w.secretDraft, actor: 'chuyenvien', from: '2026-03-02', to: '2026-03-02' }, { actor: 'vanthu', beforeId: 1000 },
  ],

  'directory.import': () => [{ file: { version: 1, agencies: [] } }],
  'directory.export': () => [{}],
  'directory.search': () => [{ text: 'mật' }],

  'ocr.suggest': (w) => [{ file: { path: w.pdf } }],
  'ocr.status': bothIds,
  'ocr.copy': bothIds,

  'search.query': () => [{ text: 'tuyệt mật', order: 'newest', limit: 50 }, { order: 'newest', limit: 50 }, { text: 'quân sự' }],

  'statistics.report': () => [{ year: 2026 }],

  'calendar.list': () => [{ year: 2026 }],
  'calendar.setDay': () => [{ date: '2026-12-31', kind: 'holiday', name: 'Nghỉ' }],
  'calendar.removeDay': () => [{ date: '2026-12-31' }],
  'calendar.dueDate': () => [{ workingDays: 5 }],

  'sync.status': () => [{}],
  'sync.syncNow': () => [{}],
  'sync.setPollInterval': () => [{ seconds: 60 }],
  'sync.retry': () => [{ outboxIds: [1, 2], axisDocIds: ['khong-co'] }],
  'sync.deliveries': bothIds,
  'worklist.badges': () => [{}],
  'worklist.markRead': bothIds,
  'worklist.unread': (w) => [{ ids: [w.secretDraft, w.secretIncoming] }, { ids: [w.secretIncoming, 'khong-co'] }],

  'tokens.modules': () => [{}],
  'tokens.certificates': () => [{ moduleId: '0123456789abcdef' }],
  'tokens.signPrepared': (w) => [
    {
      moduleId: '0123456789abcdef', token: { label: 'T', serial: '1' }, keyId: '01', pin: '123456', jobId: 'j1',
      preparations: [{ preparationId: 'khong-co', documentId: w.secretDraft, dataToSign: ['AAAA'], digest: 'sha256' }],
    },
  ],
  'tokens.cancel': () => [{ jobId: 'j1' }],

  // Certificates name no document; the calls must still answer alike with and without the secret ones.
  'certificates.list': () => [{ owner: 'person' }, { owner: 'agency' }, { owner: 'person', username: 'lanhdao' }],
  'certificates.add': () => [{ owner: 'person', certificate: 'AAAA' }, { owner: 'agency', certificate: 'AAAA' }],
  'certificates.remove': () => [{ owner: 'person', id: 1 }, { owner: 'agency', id: 1 }],
  'certificates.setKindRule': () => [{ rule: 'any' }],

  // Hồ sơ: the outsider names the secret documents as files and as documents to add; a secret file is as missing.
  'records.retentions': () => [{}],
  'records.setRetentions': () => [{ retentions: ['permanent', 10] }],
  'records.planImport': () => [{ plan: { year: 2026, headings: [{ code: 'TH', title: 'Tổng hợp', files: [{ title: 'Hồ sơ thử', retention: 10, unit: 'Văn phòng' }] }] } }],
  'records.planShow': () => [{ year: 2026 }],
  'records.planApprove': () => [{ year: 2026 }],
  'records.planPrint': () => [{ year: 2026 }],
  'records.open': () => [{ year: 2026, notation: '01.TH' }],
  'records.update': (w) => bothIds(w).map((input) => ({ ...input, description: 'ghi chú' })),
  'records.add': (w) => [{ id: w.secretDraft, documentId: w.secretIncoming }, { id: w.secretIncoming, documentId: w.secretDraft }],
  'records.remove': (w) => [{ id: w.secretDraft, documentId: w.secretIncoming }],
  'records.close': bothIds,
  'records.ltvRetry': (w) => [{}, ...bothIds(w)],
  'records.ltvStatus': bothIds,
  // A file id, and the secret documents named inside a file the outsider may see as well as by a file they may not.
  'records.ltvAdd': (w) => [...bothIds(w), { id: 'khong-co', documentIds: [w.secretDraft, w.secretIncoming] }],
  'records.show': bothIds,
  'records.list': () => [{}, { year: 2026 }, { state: 'closed' }],
  'records.export': (w) => bothIds(w).flatMap((input) => ['pdf', 'xml'].map((format) => ({ ...input, format }))),
  'records.handoverDue': () => [{}, { withinDays: 3650 }],
  'records.keep': (w) => bothIds(w).map((input) => ({ ...input, until: '2028-12-31', reason: 'còn dùng' })),
  'records.handoverPackage': (w) => [{ ids: [w.secretDraft, w.secretIncoming] }],
  'records.packageProfile': () => [{}],
  'records.setPackageProfile': () => [{ packageType: 'AIP' }, { reset: true }],
  'records.accept': (w) => [{ ids: [w.secretDraft, w.secretIncoming] }],
  'records.search': () => [{}, { text: 'Hòn Khoai' }, { year: 2026 }],
  'records.searchExport': () => [{ query: { text: 'Hòn Khoai' }, format: 'csv' }],

  // Trust anchors name no document either.
  'trust.list': () => [{}],
  'trust.add': () => [{ certificate: 'AAAA' }],
  'trust.remove': () => [{ id: 1 }],
  'trust.setPolicy': () => [{ requireTrusted: false }],
  'trust.signingPolicy': () => [{}],
  'trust.setSigningPolicy': () => [{ level: 'B-B' }, { tsaUrl: null }],
};
