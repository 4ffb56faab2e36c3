import type { DocumentView, EOfficeClient } from '@eoffice/contract';
import type { CommandContext, OptionValues } from '../command.js';
import { withServices } from '../store-options.js';
import type { TransitionWord } from './doc-transition-table.js';
import { printDocument } from './document-output.js';
import { defined, requiredString, stringOption } from './option-values.js';

type Documents = EOfficeClient['services']['documents'];
type Call = (documents: Documents, id: string, values: OptionValues) => Promise<DocumentView>;

const base = (values: OptionValues) => defined({ note: stringOption(values, 'note'), reason: stringOption(values, 'reason') });

/** One lifecycle step each (every word of doc-transition-table.ts); the service decides whether the actor and the state allow it. */
const CALLS: Record<TransitionWord, Call> = {
  submit: (d, id, v) => d.submit({ id, ...base(v) }),
  revise: (d, id, v) => d.revise({ id, file: { path: stringOption(v, 'file') ?? '' }, ...defined({ note: stringOption(v, 'note') }) }),
  approve: (d, id, v) => d.approve({ id, ...base(v) }),
  return: (d, id, v) => d.returnDraft({ id, ...base(v) }),
  verify: (d, id, v) => d.verify({ id, ...base(v) }),
  register: (d, id, v) => d.register({ id, ...base(v), ...(v.confirm === true ? { confirm: true } : {}) }),
  present: (d, id, v) => d.present({ id, ...base(v) }),
  start: (d, id, v) => d.start({ id, ...base(v) }),
  complete: (d, id, v) => d.complete({ id, ...base(v), ...defined({ replyDocumentId: stringOption(v, 'reply') }) }),
  file: (d, id, v) => d.file({ id, ...base(v) }),
  reject: (d, id, v) => d.reject({ id, ...base(v) }),
  'sign-paper': (d, id, v) => d.signOnPaper({ id, file: { path: requiredString(v, 'file') }, ...defined({ note: stringOption(v, 'note') }) }),
  'bind-number': (d, id, v) => d.bindNumber({ id, ...base(v) }),
  'issue-paper': (d, id, v) => {
    const file = stringOption(v, 'file');
    return d.issueOnPaper({ id, ...(file ? { file: { path: file } } : {}), ...defined({ note: stringOption(v, 'note') }) });
  },
  'abandon-issue': (d, id, v) => d.abandonIssue({ id, ...base(v) }),
  dispatch: (d, id, v) => d.dispatch({ id, ...base(v), paper: v.paper === true }),
  archive: (d, id, v) => d.archive({ id, ...base(v) }),
  recall: (d, id, v) => d.recall({ id, ...base(v) }),
  update: (d, id, v) => d.sendUpdate({ id, ...base(v) }),
  replace: (d, id, v) => d.replace({ id, replacementId: stringOption(v, 'by') ?? '', reason: stringOption(v, 'reason') ?? '' }),
  'accept-recall': (d, id, v) => d.acceptRecall({ id, ...base(v) }),
  'refuse-recall': (d, id, v) => d.refuseRecall({ id, ...base(v) }),
};

export async function runTransition(word: TransitionWord, context: CommandContext): Promise<number> {
  const call = CALLS[word];
  const doc = await withServices(context, (client) => call(client.services.documents, context.positionals[0] as string, context.values));
  printDocument(context, doc);
  return 0;
}
