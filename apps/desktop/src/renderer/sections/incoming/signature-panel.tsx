import type { DocumentView } from '@eoffice/contract';
import { formatDateTime } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { incomingMessages, type IncomingKey } from './incoming-messages';
import { levelText, revocationLine, timestampLine } from '../../format/long-term-text';
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
  // The copy closing the record file (or the archivist) made: the same signatures, kept verifiable for years.
  const archival = document.files.filter((f) => f.role === 'archival').at(-1);
  const of = (value: boolean | null): Verdict => (value === null ? 'unknown' : value ? 'good' : 'bad');
  return (
    <section className="detail-block" aria-labelledby="sig-title">
      <h3 id="sig-title">{t('sig.title')}</h3>
      {document.signatures.length === 0 && (
        <p className="muted">{document.flags.includes('paper') || document.flags.includes('unsigned') ? t('sig.none') : t('sig.notChecked')}</p>
      )}
      {archival && (
        <p className="small" data-testid="sig-archival">
          {t('sig.archival', { name: archival.name })}
        </p>
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
          {(signature.level != null || signature.timestamp != null || signature.revocation != null) && (
            <div className="signature-long-term" data-testid="sig-long-term">
              <p className="muted small">{t('sig.longTerm')}:</p>
              <ul className="verdicts">
                <li className="verdict-plain" data-testid="sig-level" data-level={signature.level ?? ''}>
                  {t('sig.level')}: {levelText(signature.level ?? null, language)}
                  {signature.level && <span className="code-hint">{signature.level}</span>}
                </li>
                {(() => {
                  const stamp = timestampLine(signature.timestamp ?? null, language);
                  return line(stamp.verdict, stamp.text, 'sig-timestamp');
                })()}
                {signature.timestamp?.time && (
                  <li className="verdict-plain muted small" data-testid="sig-timestamp-detail">
                    {t('sig.timestampDetail', { time: formatDateTime(signature.timestamp.time), tsa: commonName(signature.timestamp.tsa) })}
                  </li>
                )}
                {(() => {
                  const revoked = revocationLine(signature.revocation ?? null, language);
                  return line(revoked.verdict, revoked.text, 'sig-revocation');
                })()}
              </ul>
            </div>
          )}
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

/** A TSA named by its certificate subject (RFC 4514): its CN is what a person recognises; the whole subject otherwise. */
function commonName(subject: string | null): string {
  if (!subject) return '—';
  const cn = /(?:^|,)\s*CN=((?:\\.|[^,])*)/.exec(subject);
  return cn ? cn[1]!.replace(/\\(.)/g, '$1') : subject;
}
