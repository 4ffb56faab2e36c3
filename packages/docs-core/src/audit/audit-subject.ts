import { isSecret } from '../model/secrecy.js';

/**
 * The subject (trích yếu) as an audit summary may hold it. The audit is kept for ever and read by admins, who see no
 * secret document: a secret document's subject never enters it, only the fact that it was withheld.
 */
export function auditSubject(secrecy: string | null, subject: string | null): { subject: string | null } | { subjectWithheld: true } {
  return isSecret(secrecy) ? { subjectWithheld: true } : { subject };
}
