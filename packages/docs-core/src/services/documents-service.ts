import { EOfficeError, type ServiceImplementation } from '@eoffice/contract';
import { loadWorkingCalendar } from '../calendar/calendar-repository.js';
import { resolveDueDate, type DueDateRequest } from '../calendar/due-date.js';
import type { WorkflowDeps } from '../workflow/deps.js';
import { DocumentWorkflow } from '../workflow/document-workflow.js';
import { requireDocumentVisible, visibleSecretDocuments } from '../users/secret-access.js';
import { checkDraftFormat } from '../format-check/draft-format-check.js';
import { listDueSoon } from '../reminders/due-soon.js';
import { actorOf } from './call-actor.js';
import { signersCoveredBy } from '../users/signing-deputies.js';

/** Only the keys that hold a value. */
function defined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The `documents` service of the contract over the lifecycle engine. */
export function createDocumentsService(deps: WorkflowDeps): ServiceImplementation<'documents'> {
  const workflow = new DocumentWorkflow(deps);
  const as = (context: Parameters<typeof actorOf>[2]) => actorOf(deps.store, deps.clock, context);
  // Deadlines are read on the agency's calendar: N working days from today, or a date that is a working day.
  const dueDateOf = async (request: DueDateRequest) =>
    request.dueDate === undefined && request.dueInWorkingDays === undefined
      ? undefined
      : resolveDueDate(await loadWorkingCalendar(deps.store.db), request, deps.clock.now());
  const requiredDueDate = async (request: DueDateRequest) => {
    const dueDate = await dueDateOf(request);
    if (dueDate === undefined) throw new EOfficeError('E_INVALID_INPUT', 'Thiếu hạn xử lý (ngày hoặc số ngày làm việc) / a due date or a number of working days is required');
    return dueDate;
  };
  return {
    receive: async ({ dueInWorkingDays, ...input }, context) => {
      const actor = await as(context);
      return workflow.receive(actor, { ...input, ...defined({ dueDate: await dueDateOf({ dueDate: input.dueDate, dueInWorkingDays }) }) });
    },
    draft: async ({ dueInWorkingDays, ...input }, context) => {
      const actor = await as(context);
      return workflow.draft(actor, { ...input, ...defined({ dueDate: await dueDateOf({ dueDate: input.dueDate, dueInWorkingDays }) }) });
    },
    revise: async ({ id, file, note }, context) => workflow.revise(await as(context), id, file, note),
    submit: async ({ id, note }, context) => workflow.submit(await as(context), id, note),
    approve: async ({ id, note, reason }, context) => workflow.approve(await as(context), id, note, reason),
    dueSoon: async ({ withinWorkingDays }, context) => ({
      entries: await listDueSoon(deps.store.db, deps.clock, await as(context), withinWorkingDays),
    }),
    checkFormat: async ({ id }, context) => {
      await requireDocumentVisible(deps.store.db, await as(context), id);
      const doc = await deps.store.db.selectFrom('documents').select(['id', 'type_code', 'type_name', 'subject', 'signer_user_id', 'signing_authority']).where('id', '=', id).executeTakeFirstOrThrow();
      const { ran, reason, findings } = await checkDraftFormat(deps.store.db, deps.store.blobs, doc);
      return { ran, reason, findings: [...findings] };
    },
    returnDraft: async ({ id, reason, note }, context) => workflow.returnDraft(await as(context), id, reason ?? note),
    sign: async ({ id, note }, context) => workflow.sign(await as(context), id, note),
    issue: async ({ id, note }, context) => workflow.issue(await as(context), id, note),
    prepareSigning: async ({ id, kind, certificate, chain, form }, context) =>
      workflow.prepareSigning(await as(context), {
        id,
        kind,
        ...(form ? { form } : {}),
        identity: { certificate: Buffer.from(certificate, 'base64'), chain: chain.map((c) => Buffer.from(c, 'base64')) },
      }),
    completeSigning: async ({ preparationId, signatures, note }, context) =>
      workflow.completeSigning(await as(context), preparationId, signatures.map((s) => Buffer.from(s, 'base64')), note),
    cancelSigning: async ({ preparationId }, context) => ({ cancelled: workflow.cancelSigning(await as(context), preparationId) }),
    bindNumber: async ({ id }, context) => workflow.bindNumber(await as(context), id),
    signOnPaper: async ({ id, file, note }, context) => workflow.signOnPaper(await as(context), id, file, note),
    issueOnPaper: async ({ id, file, note }, context) => workflow.issueOnPaper(await as(context), id, file, note),
    abandonIssue: async ({ id, reason, note }, context) => workflow.abandonIssue(await as(context), id, reason ?? note),
    dispatch: async ({ id, note, paper }, context) => workflow.dispatch(await as(context), id, { paper, note }),
    archive: async ({ id, note }, context) => workflow.archive(await as(context), id, note),
    recall: async ({ id, reason, note }, context) => workflow.recall(await as(context), id, reason ?? note),
    acceptRecall: async ({ id, note }, context) => workflow.acceptRecall(await as(context), id, note),
    refuseRecall: async ({ id, reason, note }, context) => workflow.refuseRecall(await as(context), id, reason ?? note),
    sendUpdate: async ({ id, reason, note }, context) => workflow.sendUpdate(await as(context), id, reason ?? note),
    replace: async ({ id, replacementId, reason }, context) => workflow.replace(await as(context), id, replacementId, reason),
    makeCopy: async ({ id, form, note }, context) => workflow.makeCopy(await as(context), id, form, note),
    verify: async ({ id, note }, context) => workflow.verify(await as(context), id, note),
    register: async ({ id, note, confirm, reason }, context) => workflow.register(await as(context), id, { note, confirm, reason }),
    present: async ({ id, note }, context) => workflow.present(await as(context), id, note),
    assign: async ({ id, dueDate, dueInWorkingDays, ...input }, context) => {
      const actor = await as(context);
      return workflow.assign(actor, id, { ...input, dueDate: await requiredDueDate({ dueDate, dueInWorkingDays }) });
    },
    start: async ({ id, note }, context) => workflow.start(await as(context), id, note),
    complete: async ({ id, note, replyDocumentId }, context) => workflow.complete(await as(context), id, { note, replyDocumentId }),
    file: async ({ id, note }, context) => workflow.file(await as(context), id, note),
    reject: async ({ id, reason, note }, context) => workflow.reject(await as(context), id, reason ?? note),
    extendDeadline: async ({ id, dueDate, dueInWorkingDays, reason }, context) => {
      const actor = await as(context);
      return workflow.extendDeadline(actor, id, { dueDate: await requiredDueDate({ dueDate, dueInWorkingDays }), reason });
    },
    giveOpinion: async ({ id, text }, context) => workflow.giveOpinion(await as(context), id, text),
    show: async ({ id }, context) => {
      await requireDocumentVisible(deps.store.db, await as(context), id);
      return workflow.show(id);
    },
    list: async (input, context) => {
      const actor = await as(context);
      const secretsVisible = await visibleSecretDocuments(deps.store.db, actor);
      const signsFor = input.awaitingMySignature ? await signersCoveredBy(deps.store.db, actor, deps.clock.now()) : [];
      return { documents: await workflow.list({ ...input, secretsVisible, signsFor }) };
    },
    history: async ({ id }, context) => {
      await requireDocumentVisible(deps.store.db, await as(context), id);
      return { entries: await workflow.history(id) };
    },
  };
}
