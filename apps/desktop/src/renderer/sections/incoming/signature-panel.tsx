import type { DocumentView } from '@eoffice/contract';
import { formatDateTime } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { incomingMessages, type IncomingKey } from './incoming-messages';

type Verdict = 'good' | 'bad' | 'unknown';

/**
 * One block per signature, each part of the verdict in plain words (ARCHITECTURE.md, invariant 13): unchanged since
 * signing, valid, trusted are said apart, so a valid signature over a modified file is never shown as one green tick.
 */
export function SignaturePanel({ document }: { document: DocumentView }) {
  const t = useMessages(incomingMessages);
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
            <p className="muted small">{t('sig.problems')}: {signature.problems.map((p) => p.code).join(', ')}</p>
          )}
          <p className="muted small">{t('sig.checkedAt')}: {formatDateTime(signature.checkedAt)}</p>
        </div>
      ))}
    </section>
  );
}
