import type { DocumentView } from '@eoffice/contract';
import { formatDateTime } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { incomingMessages, type IncomingKey } from './incoming-messages';
import { signatureProblemText } from './signature-problems';

type Verdict = 'good' | 'bad' | 'unknown';

/**
 * One block per signature, each part of the verdict in plain words (ARCHITECTURE.md, invariant 13): unchanged since
 * signing, valid, trusted are said apart, so a valid signature over a modified file is never shown as one green tick.
 */
export function SignaturePanel({ document }: { document: DocumentView }) {
  const t = useMessages(incomingMessages);
  const language = useLanguage((s) => s.language);
  const line = (verdict: Verdict, text: string, testId: string) => (
    <li className={`verdict ${verdict}`} data-testid={testId}>
      <span className="verdict-mark" aria-hidden="true">{verdict === 'good' ? '✓' : verdict === 'bad' ? '✗' : '?'}</span> {text}
    </li>
  );
  const of = (value: boolean | null): Verdict => (value === null ? 'unknown' : value ? 'good' : 'bad');
  return (
    <section className="detail-block" aria-labelledby="sig-title">
      <h3 id="sig-title">{t('sig.title')}</h3>
      {document.signatures.length === 0 && (
        <p className="muted">{document.flags.includes('paper') || document.flags.includes('unsigned') ? t('sig.none') : t('sig.notChecked')}</p>
      )}
      {document.signatures.map((signature, index) => (
        <div className="signature" key={index} data-testid="signature">
          <div className="signature-head">
            <strong>{t(`sig.kind.${signature.kind}` as IncomingKey)}</strong>
            {signature.signerName && <span>{t('sig.signer')}: {signature.signerName}</span>}
            {signature.signedAt && <span>{t('sig.at')}: {formatDateTime(signature.signedAt)}</span>}
          </div>
          <ul className="verdicts">
            {line(of(signature.intact), t(`sig.intact.${signature.intact === null ? 'unknown' : signature.intact ? 'yes' : 'no'}` as IncomingKey), 'sig-intact')}
            {line(signature.valid ? 'good' : 'bad', t(signature.valid ? 'sig.valid.yes' : 'sig.valid.no'), 'sig-valid')}
            {line(of(signature.trusted), t(`sig.trusted.${signature.trusted === null ? 'unknown' : signature.trusted ? 'yes' : 'no'}` as IncomingKey), 'sig-trusted')}
          </ul>
          {signature.problems.length > 0 && (
            <div className="signature-problems">
              <p className="muted small">{t('sig.problems')}:</p>
              {/* Words first; the code stays beside them, small, for whoever reports or looks it up. */}
              <ul className="problem-list">
                {signature.problems.map((p, i) => (
                  <li key={i} className={`problem ${p.severity}`} data-testid="sig-problem" data-code={p.code}>
                    <span className="sr-only">{t(`sig.severity.${p.severity}` as IncomingKey)}: </span>
                    {signatureProblemText(p.code, language)}
                    <span className="code-hint">{p.code}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p className="muted small">{t('sig.checkedAt')}: {formatDateTime(signature.checkedAt)}</p>
        </div>
      ))}
    </section>
  );
}
