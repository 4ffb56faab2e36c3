import type { DocumentView, ErrorCode, MethodOutput, PreparedSigning } from '@eoffice/contract';
import { isEOfficeError } from '@eoffice/contract';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { connection } from '../../client';
import { PdfPreview } from '../../components/pdf/pdf-preview';
import { errorCode, errorText } from '../../format/error-text';
import { formatDateText } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { signingMessages, type SigningKey } from './signing-messages';
import { base64ToBytes, unusableReason, type BoundCertificate, type TokenView, type Unusable } from './token-choice';

type Module = MethodOutput<'tokens', 'modules'>['modules'][number];
type Result = MethodOutput<'tokens', 'signPrepared'>['results'][number];
type Choice = { token: TokenView; keyId: string };
/** Who signs: a leader in person (ô 7c) or the clerk with the agency's seal at issue. */
export type SignKind = 'person' | 'agency';

/** The answers after which the token's PIN counters may have changed, so its warnings are read again. */
const PIN_STATE_CODES: ReadonlySet<string> = new Set<ErrorCode>(['E_PIN_INCORRECT', 'E_PIN_LOCKED', 'E_PIN_FINAL_TRY', 'E_PIN_REQUIRED']);

let jobCounter = 0;
const newJobId = () => `sign-${Date.now().toString(36)}-${(jobCounter += 1)}`;

/**
 * Ký số in two phases (ARCHITECTURE.md: one signing path): pick the token's module and a certificate bound to the
 * signer (or the agency), see the prepared revision exactly as it will be signed, type the PIN once for the batch.
 * A refused PIN ends the attempt with the token's warning; nothing is retried on its own.
 */
export function SignDialog({ documents, kind, onClose, onSigned }: {
  documents: readonly DocumentView[];
  kind: SignKind;
  onClose: () => void;
  onSigned: (updated: DocumentView[]) => void;
}) {
  const t = useMessages(signingMessages);
  const language = useLanguage((s) => s.language);
  const dialog = useRef<HTMLDialogElement>(null);
  const [modules, setModules] = useState<Module[] | null>(null);
  const [moduleId, setModuleId] = useState('');
  const [tokens, setTokens] = useState<TokenView[] | null>(null);
  const [reasons, setReasons] = useState<Record<string, Unusable>>({});
  const [choice, setChoice] = useState<Choice | null>(null);
  const [prepared, setPrepared] = useState<PreparedSigning[]>([]);
  const [pin, setPin] = useState('');
  const [confirmFinalTry, setConfirmFinalTry] = useState(false);
  const [phase, setPhase] = useState<'choose' | 'preparing' | 'ready' | 'signing' | 'done'>('choose');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<Result[]>([]);
  const [error, setError] = useState<string | null>(null);
  const jobId = useRef(newJobId());
  // Preparations not turned into signatures are dropped when the dialog closes, so no number stays bound for nothing.
  const open = useRef<PreparedSigning[]>([]);

  useEffect(() => {
    dialog.current?.showModal();
    void connection.client.services.tokens.modules({}).then(
      ({ modules: found }) => {
        setModules(found);
        if (found[0]) setModuleId(found[0].id);
      },
      (caught: unknown) => setError(errorText(caught, language)),
    );
    const stop = connection.client.onEvent((event) => {
      if (event.name === 'job.progress' && event.payload.jobId === jobId.current) {
        setProgress({ done: event.payload.done, total: event.payload.total ?? documents.length });
      }
    });
    return () => {
      stop();
      for (const left of open.current) void connection.client.services.documents.cancelSigning({ preparationId: left.preparationId }).catch(() => undefined);
    };
    // Opened once per dialog: the documents and the kind do not change while it is open.
  }, []);

  async function readTokens(id: string) {
    setTokens(null);
    setChoice(null);
    try {
      const [{ tokens: found }, { certificates: bound }] = await Promise.all([
        connection.client.services.tokens.certificates({ moduleId: id }),
        connection.client.services.certificates.list({ owner: kind }),
      ]);
      const why: Record<string, Unusable> = {};
      for (const token of found) {
        for (const certificate of token.certificates) why[`${token.serial}/${certificate.keyId}`] = await unusableReason(certificate, bound as BoundCertificate[]);
      }
      setReasons(why);
      setTokens(found);
      const firstUsable = found.flatMap((token) => token.certificates.filter((c) => why[`${token.serial}/${c.keyId}`] === null).map((c) => ({ token, keyId: c.keyId })))[0];
      setChoice(firstUsable ?? null);
    } catch (caught) {
      setError(errorText(caught, language));
      setTokens([]);
    }
  }
  useEffect(() => {
    if (moduleId) void readTokens(moduleId);
  }, [moduleId]);

  const chosen = useMemo(() => choice?.token.certificates.find((c) => c.keyId === choice.keyId) ?? null, [choice]);
  const pinState = choice?.token.pin;

  async function prepare() {
    if (!chosen) {
      setError(t('needCertificate'));
      return;
    }
    setError(null);
    setPhase('preparing');
    try {
      const all: PreparedSigning[] = [];
      for (const document of documents) {
        const one = await connection.client.services.documents.prepareSigning({ id: document.id, kind, certificate: chosen.certificate, chain: chosen.chain });
        all.push(one);
        open.current = [...open.current, one];
      }
      setPrepared(all);
      setPhase('ready');
    } catch (caught) {
      setError(errorText(caught, language));
      setPhase('choose');
    }
  }

  async function sign(event: FormEvent) {
    event.preventDefault();
    if (!choice || !moduleId || prepared.length === 0) return;
    if (!pinState?.pinPad && !pin) {
      setError(t('needPin'));
      return;
    }
    setError(null);
    setPhase('signing');
    setProgress({ done: 0, total: prepared.length });
    try {
      const { results: answered } = await connection.client.services.tokens.signPrepared({
        moduleId,
        token: { label: choice.token.label, serial: choice.token.serial },
        keyId: choice.keyId,
        ...(pinState?.pinPad ? {} : { pin }),
        confirmFinalTry,
        jobId: jobId.current,
        preparations: prepared.map((p) => ({ preparationId: p.preparationId, documentId: p.documentId, dataToSign: p.items.map((i) => i.dataToSign), digest: p.items[0]!.digest })),
      });
      setPin('');
      setResults(answered);
      // Signed and cancelled preparations are settled by the service; failed ones stay open until the dialog closes.
      open.current = open.current.filter((p) => answered.some((r) => r.preparationId === p.preparationId && r.status === 'failed'));
      setPhase('done');
      onSigned(answered.flatMap((r) => (r.document ? [r.document] : [])));
    } catch (caught) {
      setPin('');
      setConfirmFinalTry(false);
      const code = errorCode(caught);
      setError(code === 'E_PIN_INCORRECT' ? t('pinWrong') : errorText(caught, language));
      setPhase('ready');
      setProgress(null);
      // The token's counters changed: read its warnings again (no PIN needed) before the next attempt.
      if (isEOfficeError(caught) && code !== null && PIN_STATE_CODES.has(code)) void refreshPinState();
    }
  }

  async function refreshPinState() {
    if (!choice) return;
    try {
      const { tokens: found } = await connection.client.services.tokens.certificates({ moduleId });
      const same = found.find((token) => token.serial === choice.token.serial);
      if (same) setChoice({ token: same, keyId: choice.keyId });
    } catch {
      // The warning already shown stays; the next attempt reads the token again anyway.
    }
  }

  const title = documents.length > 1 ? t('title.batch', { count: documents.length }) : t(kind === 'person' ? 'title.person' : 'title.agency');
  const first = prepared[0];
  const firstItem = first?.items[0];
  const previewBytes = useMemo(() => (firstItem ? base64ToBytes(firstItem.pdf) : null), [firstItem]);
  return (
    <dialog ref={dialog} className="sign-dialog" aria-labelledby="sign-dialog-title" data-testid="sign-dialog" onCancel={(e) => { e.preventDefault(); if (phase !== 'signing') onClose(); }}>
      <div className="dialog-head">
        <h2 id="sign-dialog-title">{title}</h2>
        <button type="button" className="icon-button" aria-label={t('close')} disabled={phase === 'signing'} onClick={onClose}>×</button>
      </div>
      <ul className="plain-list small">{documents.map((d) => <li key={d.id}>{d.subject}</li>)}</ul>
      {phase !== 'done' && (
        <>
          <label className="field">
            <span>{t('module')}</span>
            <select value={moduleId} onChange={(e) => setModuleId(e.target.value)} disabled={phase !== 'choose'} data-testid="token-module">
              {(modules ?? []).map((m) => (
                <option key={m.id} value={m.id}>{m.vendor} — {m.path} ({t(m.source === 'configured' ? 'moduleConfigured' : 'moduleDetected')})</option>
              ))}
            </select>
          </label>
          {modules?.length === 0 && <p className="inline-error" role="alert">{t('noModule')}</p>}
          {moduleId && tokens === null && <p className="muted">{t('loadingCertificates')}</p>}
          {tokens?.length === 0 && (
            <p className="muted">{t('noToken')} <button type="button" className="button small" onClick={() => void readTokens(moduleId)}>{t('reread')}</button></p>
          )}
          {tokens && tokens.length > 0 && (
            <fieldset className="certificates" disabled={phase !== 'choose'}>
              <legend>{t('certificates')}</legend>
              {tokens.flatMap((token) => token.certificates.map((c) => {
                const why = reasons[`${token.serial}/${c.keyId}`] ?? null;
                const reason = why === 'unbound' ? t(`problem.unbound.${kind}` as SigningKey) : why ? t(`problem.${why}` as SigningKey) : null;
                return (
                  <label key={`${token.serial}/${c.keyId}`} className={why ? 'check disabled' : 'check'} data-testid="token-certificate">
                    <input type="radio" name="certificate" disabled={why !== null} checked={choice?.token.serial === token.serial && choice.keyId === c.keyId}
                      onChange={() => setChoice({ token, keyId: c.keyId })} />
                    <span>
                      {t('certificateLabel', { name: c.commonName || c.subject, issuer: c.issuer, from: formatDateText(c.notBefore), to: formatDateText(c.notAfter) })}
                      <span className="muted small"> · {token.label}</span>
                      {reason && <span className="cert-problem" data-testid="certificate-problem"> — {reason}</span>}
                    </span>
                  </label>
                );
              }))}
            </fieldset>
          )}
          {phase === 'choose' && (
            <div className="action-row">
              <button type="button" className="button primary" disabled={!chosen} onClick={() => void prepare()}>{t('prepare')}</button>
              <button type="button" className="button" onClick={onClose}>{t('cancel')}</button>
            </div>
          )}
          {phase === 'preparing' && <p className="muted" role="status">{t('preparing')}</p>}
        </>
      )}
      {first && previewBytes && phase !== 'done' && (
        <section className="detail-block" aria-label={t('preview')}>
          <h3>{t('preview')}</h3>
          {first.numberAndSymbol && (
            <p data-testid="number-preview"><strong>{t('numberPreview', { code: first.numberAndSymbol, date: formatDateText(first.issuedDate) })}</strong></p>
          )}
          {kind === 'agency' && <p className="muted small">{t('sealNote')}</p>}
          <PdfPreview bytes={previewBytes} box={firstItem?.placement ?? null} initialZoom={0.75} />
        </section>
      )}
      {(phase === 'ready' || phase === 'signing') && (
        <form className="inline-form" onSubmit={(e) => void sign(e)} data-testid="pin-form">
          {pinState?.locked && <p className="form-error" role="alert" data-testid="pin-warning">{t('warn.locked')}</p>}
          {!pinState?.locked && pinState?.finalTry && <p className="form-error" data-testid="pin-warning">{t('warn.finalTry')}</p>}
          {!pinState?.locked && !pinState?.finalTry && pinState?.countLow && <p className="form-warning" data-testid="pin-warning">{t('warn.countLow')}</p>}
          {pinState?.pinPad ? (
            <p className="muted">{t('pinPad')}</p>
          ) : (
            <label className="field">
              <span>{t('pin')}</span>
              <input type="password" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} disabled={phase === 'signing' || pinState?.locked} autoFocus />
            </label>
          )}
          {pinState?.finalTry && !pinState.locked && (
            <label className="check"><input type="checkbox" checked={confirmFinalTry} onChange={(e) => setConfirmFinalTry(e.target.checked)} />{t('confirmFinalTry')}</label>
          )}
          <div className="action-row">
            <button type="submit" className="button primary" disabled={phase === 'signing' || pinState?.locked || (pinState?.finalTry && !confirmFinalTry)}>
              {phase === 'signing' ? t('signing') : prepared.length > 1 ? t('signBatch', { count: prepared.length }) : t('sign')}
            </button>
            {phase === 'signing' && prepared.length > 1 && (
              <button type="button" className="button" onClick={() => void connection.client.services.tokens.cancel({ jobId: jobId.current })}>{t('stop')}</button>
            )}
            {phase === 'ready' && <button type="button" className="button" onClick={onClose}>{t('cancel')}</button>}
          </div>
        </form>
      )}
      {progress && (phase === 'signing' || phase === 'done') && (
        <div className="progress-line">
          <progress max={progress.total} value={progress.done} aria-label={t('progress')} data-testid="sign-progress" />
          <span>{t('progressText', { done: progress.done, total: progress.total })}</span>
        </div>
      )}
      {error && <p className="form-error" role="alert" data-testid="sign-error">{error}</p>}
      {phase === 'done' && (
        <section aria-label={t('results')}>
          <h3>{t('results')}</h3>
          <ul className="plain-list" data-testid="sign-results">
            {results.map((r) => (
              <li key={r.preparationId} data-status={r.status}>
                <strong>{t(`result.${r.status}` as SigningKey)}</strong>: {documents.find((d) => d.id === r.documentId)?.subject ?? r.documentId}
                {r.error && <div className="form-error small">{errorText(new Error(r.error.message), language)}</div>}
              </li>
            ))}
          </ul>
          <div className="action-row"><button type="button" className="button primary" onClick={onClose} autoFocus>{t('done')}</button></div>
        </section>
      )}
    </dialog>
  );
}
