import type { ServiceImplementation } from '@eoffice/contract';
import type { WorkflowDeps } from '../workflow/deps.js';
import { DocumentWorkflow } from '../workflow/document-workflow.js';
import { requireDocumentVisible, visibleSecretDocuments } from '../users/secret-access.js';
import { actorOf } from './call-actor.js';

/** The `documents` service of the contract over the lifecycle engine. */
export function createDocumentsService(deps: WorkflowDeps): ServiceImplementation<'documents'> {
  const workflow = new DocumentWorkflow(deps);
  const as = (context: Parameters<typeof actorOf>[2]) => actorOf(deps.store, deps.clock, context);
  return {
    receive: async (input, context) => workflow.receive(await as(context), input),
    draft: async (input, context) => workflow.draft(await as(context), input),
    revise: async ({ id, file, note }, context) => workflow.revise(await as(context), id, file, note),
    submit: async ({ id, note }, context) => workflow.submit(await as(context), id, note),
    approve: async ({ id, note }, context) => workflow.approve(await as(context), id, note),
    returnDraft: async ({ id, reason, note }, context) => workflow.returnDraft(await as(context), id, reason ?? note),
    sign: async ({ id, note }, context) => workflow.sign(await as(context), id, note),
    issue: async ({ id, note }, context) => workflow.issue(await as(context), id, note),
    prepareSigning: async ({ id, kind, certificate, chain }, context) =>
      workflow.prepareSigning(await as(context), {
        id,
        kind,
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
    register: async ({ id, note }, context) => workflow.register(await as(context), id, note),
    present: async ({ id, note }, context) => workflow.present(await as(context), id, note),
    assign: async ({ id, ...input }, context) => workflow.assign(await as(context), id, input),
    start: async ({ id, note }, context) => workflow.start(await as(context), id, note),
    complete: async ({ id, note, replyDocumentId }, context) => workflow.complete(await as(context), id, { note, replyDocumentId }),
    file: async ({ id, note }, context) => workflow.file(await as(context), id, note),
    reject: async ({ id, reason, note }, context) => workflow.reject(await as(context), id, reason ?? note),
    extendDeadline: async ({ id, dueDate, reason }, context) => workflow.extendDeadline(await as(context), id, { dueDate, reason }),
    show: async ({ id }, context) => {
      await requireDocumentVisible(deps.store.db, await as(context), id);
      return workflow.show(id);
    },
    list: async (input, context) => {
      const secretsVisible = await visibleSecretDocuments(deps.store.db, await as(context));
      return { documents: await workflow.list({ ...input, secretsVisible }) };
    },
    history: async ({ id }, context) => {
      await requireDocumentVisible(deps.store.db, await as(context), id);
      return { entries: await workflow.history(id) };
    },
  };
}
