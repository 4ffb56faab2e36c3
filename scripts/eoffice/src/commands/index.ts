import type { Command } from '../command.js';
import { auditVerifyCommand } from './audit-verify.js';
import { calendarListCommand, calendarRemoveCommand, calendarSetCommand } from './calendar.js';
import { dbInitCommand } from './db-init.js';
import { docAssignCommand, docExtendCommand } from './doc-assign.js';
import { docDraftCommand } from './doc-draft.js';
import { docReceiveCommand } from './doc-receive.js';
import { docIssueCommand, docSignCommand } from './doc-sign.js';
import { docHistoryCommand, docListCommand, docShowCommand } from './doc-show.js';
import { docTransitionCommands } from './doc-transitions.js';
import { infoCommand } from './info.js';
import { searchCommand } from './search.js';
import { statsCommand } from './stats.js';
import { directoryExportCommand, directoryImportCommand, directorySearchCommand } from './directory.js';
import { pdfPrepareCommand } from './pdf-prepare.js';
import { registerPrintCommand } from './register-print.js';
import { demoSeedCommand } from './demo-seed.js';
import { signCommand } from './sign.js';
import { userAddCommand } from './user-add.js';
import { userSignatureCommand } from './user-signature.js';
import { agencyPlaceCommand, agencySealCommand } from './agency-seal.js';
import { tokenCheckCommand } from './token-check.js';
import { tokenListCommand } from './token-list.js';
import { tokenProbeCommand } from './token-probe.js';
import { verifyCommand } from './verify.js';

/** Every command of the CLI. Add one line per command module. */
export const commands: readonly Command[] = [
  infoCommand,
  tokenListCommand,
  tokenCheckCommand,
  tokenProbeCommand,
  verifyCommand,
  dbInitCommand,
  userAddCommand,
  docReceiveCommand,
  docDraftCommand,
  ...docTransitionCommands,
  docSignCommand,
  docIssueCommand,
  docAssignCommand,
  docExtendCommand,
  docShowCommand,
  docHistoryCommand,
  docListCommand,
  auditVerifyCommand,
  searchCommand,
  statsCommand,
  calendarListCommand,
  calendarSetCommand,
  calendarRemoveCommand,
  directoryImportCommand,
  directoryExportCommand,
  directorySearchCommand,
  registerPrintCommand,
  demoSeedCommand,
  pdfPrepareCommand,
  signCommand,
  userSignatureCommand,
  agencySealCommand,
  agencyPlaceCommand,
];
