import type { WorkflowDeps } from './deps.js';
import { DocumentCopies } from './document-copies.js';
import { DocumentQueries } from './document-queries.js';
import { IncomingIntake } from './incoming-intake.js';
import { IncomingLifecycle } from './incoming-lifecycle.js';
import { OutgoingLifecycle } from './outgoing-lifecycle.js';
import { PreparedSigning } from './prepared-signing.js';
import { RecallUpdateReplace } from './recall-update-replace.js';
import { SigningStep } from './signing-step.js';
import { WorkflowCore } from './workflow-core.js';

/**
 * The incoming and outgoing lifecycles, as the services and the faces call them. Each concern lives in its own
 * module; all of them take their steps through one WorkflowCore (one transaction per step, checked against the
 * rule table in lifecycle.ts), so this class only routes a call to the concern that owns it.
 */
export class DocumentWorkflow {
  readonly #queries: DocumentQueries;
  readonly #intake: IncomingIntake;
  readonly #incoming: IncomingLifecycle;
  readonly #outgoing: OutgoingLifecycle;
  readonly #signing: SigningStep;
  readonly #prepared: PreparedSigning;
  readonly #copies: DocumentCopies;
  readonly #afterDispatch: RecallUpdateReplace;

  constructor(deps: WorkflowDeps) {
    const core = new WorkflowCore(deps);
    this.#queries = new DocumentQueries(core);
    this.#intake = new IncomingIntake(core);
    this.#incoming = new IncomingLifecycle(core);
    this.#outgoing = new OutgoingLifecycle(core);
    this.#signing = new SigningStep(core);
    this.#copies = new DocumentCopies(core);
    this.#prepared = new PreparedSigning(core, this.#signing, this.#copies);
    this.#afterDispatch = new RecallUpdateReplace(core);
  }

  // Queries.
  show(...a: Parameters<DocumentQueries['show']>) { return this.#queries.show(...a); }
  list(...a: Parameters<DocumentQueries['list']>) { return this.#queries.list(...a); }
  history(...a: Parameters<DocumentQueries['history']>) { return this.#queries.history(...a); }

  // Incoming: intake, then the steps up to filing.
  receive(...a: Parameters<IncomingIntake['receive']>) { return this.#intake.receive(...a); }
  receiveFromAxis(...a: Parameters<IncomingIntake['receiveFromAxis']>) { return this.#intake.receiveFromAxis(...a); }
  takeFromAxis(...a: Parameters<IncomingIntake['takeFromAxis']>) { return this.#intake.takeFromAxis(...a); }
  verify(...a: Parameters<IncomingLifecycle['verify']>) { return this.#incoming.verify(...a); }
  verifyArrival(...a: Parameters<IncomingLifecycle['verifyArrival']>) { return this.#incoming.verifyArrival(...a); }
  prepareCheck(...a: Parameters<IncomingLifecycle['prepareCheck']>) { return this.#incoming.prepareCheck(...a); }
  reject(...a: Parameters<IncomingLifecycle['reject']>) { return this.#incoming.reject(...a); }
  register(...a: Parameters<IncomingLifecycle['register']>) { return this.#incoming.register(...a); }
  present(...a: Parameters<IncomingLifecycle['present']>) { return this.#incoming.present(...a); }
  assign(...a: Parameters<IncomingLifecycle['assign']>) { return this.#incoming.assign(...a); }
  start(...a: Parameters<IncomingLifecycle['start']>) { return this.#incoming.start(...a); }
  complete(...a: Parameters<IncomingLifecycle['complete']>) { return this.#incoming.complete(...a); }
  file(...a: Parameters<IncomingLifecycle['file']>) { return this.#incoming.file(...a); }
  extendDeadline(...a: Parameters<IncomingLifecycle['extendDeadline']>) { return this.#incoming.extendDeadline(...a); }
  giveOpinion(...a: Parameters<IncomingLifecycle['giveOpinion']>) { return this.#incoming.giveOpinion(...a); }

  // Outgoing: the draft, the signing step, dispatch.
  draft(...a: Parameters<OutgoingLifecycle['draft']>) { return this.#outgoing.draft(...a); }
  submit(...a: Parameters<OutgoingLifecycle['submit']>) { return this.#outgoing.submit(...a); }
  revise(...a: Parameters<OutgoingLifecycle['revise']>) { return this.#outgoing.revise(...a); }
  returnDraft(...a: Parameters<OutgoingLifecycle['returnDraft']>) { return this.#outgoing.returnDraft(...a); }
  approve(...a: Parameters<OutgoingLifecycle['approve']>) { return this.#outgoing.approve(...a); }
  sign(...a: Parameters<SigningStep['sign']>) { return this.#signing.sign(...a); }
  issue(...a: Parameters<SigningStep['issue']>) { return this.#signing.issue(...a); }
  prepareSigning(...a: Parameters<PreparedSigning['prepare']>) { return this.#prepared.prepare(...a); }
  completeSigning(...a: Parameters<PreparedSigning['complete']>) { return this.#prepared.complete(...a); }
  cancelSigning(...a: Parameters<PreparedSigning['cancel']>) { return this.#prepared.cancel(...a); }
  bindNumber(...a: Parameters<SigningStep['bindNumber']>) { return this.#signing.bindNumber(...a); }
  abandonIssue(...a: Parameters<SigningStep['abandonIssue']>) { return this.#signing.abandonIssue(...a); }
  signOnPaper(...a: Parameters<SigningStep['signOnPaper']>) { return this.#signing.signOnPaper(...a); }
  issueOnPaper(...a: Parameters<SigningStep['issueOnPaper']>) { return this.#signing.issueOnPaper(...a); }
  dispatch(...a: Parameters<OutgoingLifecycle['dispatch']>) { return this.#outgoing.dispatch(...a); }
  archive(...a: Parameters<OutgoingLifecycle['archive']>) { return this.#outgoing.archive(...a); }
  makeCopy(...a: Parameters<DocumentCopies['makeCopy']>) { return this.#copies.makeCopy(...a); }

  // After a document left: recall (either direction), update, replacement.
  recall(...a: Parameters<RecallUpdateReplace['recall']>) { return this.#afterDispatch.recall(...a); }
  requestRecall(...a: Parameters<RecallUpdateReplace['requestRecall']>) { return this.#afterDispatch.requestRecall(...a); }
  requestRecallFromAxis(...a: Parameters<RecallUpdateReplace['requestRecallFromAxis']>) { return this.#afterDispatch.requestRecallFromAxis(...a); }
  markReplacedFromAxis(...a: Parameters<RecallUpdateReplace['markReplacedFromAxis']>) { return this.#afterDispatch.markReplacedFromAxis(...a); }
  acceptRecall(...a: Parameters<RecallUpdateReplace['acceptRecall']>) { return this.#afterDispatch.acceptRecall(...a); }
  refuseRecall(...a: Parameters<RecallUpdateReplace['refuseRecall']>) { return this.#afterDispatch.refuseRecall(...a); }
  sendUpdate(...a: Parameters<RecallUpdateReplace['sendUpdate']>) { return this.#afterDispatch.sendUpdate(...a); }
  replace(...a: Parameters<RecallUpdateReplace['replace']>) { return this.#afterDispatch.replace(...a); }
}
