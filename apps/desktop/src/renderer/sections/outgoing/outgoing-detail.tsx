import type { DocumentView, MethodOutput } from '@eoffice/contract';
import { useCallback, useEffect, useState } from 'react';
import { connection } from '../../client';
import { OrganName } from '../../components/organ-name';
import { PdfPreview } from '../../components/pdf/pdf-preview';
import { TimelineNote } from '../../components/timeline-note';
import { documentLinkText, replacesText } from '../../format/document-link';
import { errorText } from '../../format/error-text';
import { saveFile } from '../../format/save-file';
import { timelineActionText } from '../../format/timeline-note';
import { formatDateText, formatDateTime } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { useAppStore } from '../../state/app-store';
import type { SignKind } from '../signing/sign-dialog';
import { DeliveryStatus } from './delivery-status';
import { OutgoingActions } from './outgoing-actions';
import { outgoingMessages, type OutgoingKey } from './outgoing-messages';

type History = MethodOutput<'documents', 'history'>['entries'];

/** A document in these states has been dispatched: its recipients' statuses are shown as they arrive. */
const SENT_STATES: ReadonlySet<string> = new Set(['dispatched', 'archived', 'recalled']);

/** One outgoing document: what it is, its draft versions (each viewable), signatures, comments and history. */
export function OutgoingDetail({ id, refresh, onChanged, onSign }: { id: string; refresh: number; onChanged: () => void; onSign: (document: DocumentView, kind: SignKind) => void }) {
  const t = useMessages(outgoingMessages);
  const language = useLanguage((s) => s.language);
  const changeCount = useAppStore((s) => s.changeCount);
  const [document, setDocument] = useState<DocumentView | null>(null);
  const [history, setHistory] = useState<History>([]);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ sha256: string; bytes: Uint8Array } | null>(null);

  const reload = useCallback(async () => {
    try {
      const [shown, log] = await Promise.all([connection.client.services.documents.show({ id }), connection.client.services.documents.history({ id })]);
      setDocument(shown);
      setHistory(log.entries);
      setError(null);
    } catch (caught) {
      setError(errorText(caught, language));
    }
  }, [id, language]);
  useEffect(() => void reload(), [reload, changeCount, refresh]);
  useEffect(() => setPreview(null), [id]);

  async function show(sha256: string) {
    if (preview?.sha256 === sha256) {
      setPreview(null);
      return;
    }
    try {
      const file = await connection.client.files.download({ documentId: id, sha256 });
      setPreview({ sha256, bytes: file.bytes });
    } catch (caught) {
      setError(errorText(caught, language));
    }
  }

  async function save(file: DocumentView['files'][number]) {
    try {
      const downloaded = await connection.client.files.download({ documentId: id, sha256: file.sha256 });
      saveFile(downloaded.bytes, file.name);
    } catch (caught) {
      setError(errorText(caught, language));
    }
  }

  if (error) return <p className="inline-error" role="alert">{error}</p>;
  if (!document) return <p className="muted">…</p>;
  const versions = document.files.filter((f) => f.role === 'main');
  const finals = document.files.filter((f) => f.role === 'signed' || f.role === 'issued');
  const comments = history.filter((e) => e.note && (e.action === 'returnDraft' || e.action === 'approve' || e.action === 'submit'));
  const field = (label: OutgoingKey, value: string | null | undefined, testId?: string) =>
    !value ? null : <div className="meta-row"><dt>{t(label)}</dt><dd data-testid={testId}>{value}</dd></div>;
  const fileRow = (file: DocumentView['files'][number], label: string) => (
    <li key={`${file.role}-${file.sha256}`}>
      {label} · {file.name}{' '}
      <button type="button" className="button small" aria-pressed={preview?.sha256 === file.sha256} onClick={() => void show(file.sha256)}>
        {preview?.sha256 === file.sha256 ? t('detail.hidePreview') : t('detail.preview')}
      </button>{' '}
      <button type="button" className="button small" aria-label={`${t('detail.save')}: ${label}`} onClick={() => void save(file)}>{t('detail.save')}</button>
    </li>
  );
  return (
    <div className="detail" data-testid="outgoing-detail">
      <h2 className="detail-title">{document.subject}</h2>
      <div className="detail-tags">
        <span className="state-tag" data-testid="outgoing-state">{t(`state.${document.state}` as OutgoingKey)}</span>
        {document.urgency !== 'normal' && <span className={`urgency-tag ${document.urgency}`}>{t(`urgency.${document.urgency}` as OutgoingKey)}</span>}
      </div>
      <OutgoingActions document={document} onDone={(updated) => { setDocument(updated); void reload(); onChanged(); }} onSign={(kind) => onSign(document, kind)} />
      {preview && <PdfPreview bytes={preview.bytes} />}
      <section className="detail-block" aria-labelledby="out-meta-title">
        <h3 id="out-meta-title">{t('detail.metadata')}</h3>
        <dl className="meta">
          {field('detail.code', [document.number, document.symbol].filter(Boolean).join('/'), 'outgoing-code')}
          {field('detail.type', document.typeName ?? document.type)}
          {field('detail.issued', formatDateText(document.issuedDate), 'outgoing-issued-date')}
          {field('detail.urgency', t(`urgency.${document.urgency}` as OutgoingKey))}
          {field('detail.secrecy', t(`secrecy.${document.secrecy}` as OutgoingKey))}
          {document.recipients.length > 0 && (
            <div className="meta-row"><dt>{t('detail.recipients')}</dt><dd data-testid="outgoing-recipients">
              {document.recipients.map((r, i) => <span key={r.organId}>{i > 0 && '; '}<OrganName name={r.name} code={r.organId} /></span>)}
            </dd></div>
          )}
          {field('detail.replacedBy', document.replacedBy ? documentLinkText(document.replacedBy) : null, 'outgoing-replaced-by')}
          {field('detail.replaces', replacesText(document), 'outgoing-replaces')}
          {field('detail.pages', document.metadata?.pageAmount ? String(document.metadata.pageAmount) : null, 'outgoing-pages')}
          {field('detail.copies', document.metadata?.issuedAmount ? String(document.metadata.issuedAmount) : null, 'outgoing-copies')}
          {field('detail.toPlaces', document.metadata?.toPlaces.join('; ') || null, 'outgoing-to-places')}
          {field('detail.signer', [document.signingAuthority ? `${document.signingAuthority}.` : null, document.metadata?.signerName ?? document.signerUser?.fullName].filter(Boolean).join(' ') || null, 'outgoing-signer')}
          {field('detail.signedFor', document.signedFor ? [document.signedFor.position, document.signedFor.fullName].filter(Boolean).join(' ') : null, 'outgoing-signed-for')}
        </dl>
      </section>
      {SENT_STATES.has(document.state) && <DeliveryStatus documentId={document.id} />}
      <section className="detail-block" aria-labelledby="out-versions-title">
        <h3 id="out-versions-title">{t('detail.versions')}</h3>
        <ol className="plain-list" data-testid="versions">
          {versions.map((file, index) => fileRow(file, t('detail.version', { n: index + 1 })))}
        </ol>
        {finals.length > 0 && <ul className="plain-list">{finals.map((file) => fileRow(file, t(file.role === 'signed' ? 'sig.person' : 'sig.agency')))}</ul>}
      </section>
      {document.signatures.length > 0 && (
        <section className="detail-block" aria-labelledby="out-sig-title">
          <h3 id="out-sig-title">{t('detail.signatures')}</h3>
          <ul className="plain-list" data-testid="outgoing-signatures">
            {document.signatures.map((s, index) => (
              <li key={index}>{t('detail.signatureBy', { kind: t(`sig.${s.kind}` as OutgoingKey), name: s.signerName ?? '—', time: formatDateTime(s.signedAt) })}</li>
            ))}
          </ul>
        </section>
      )}
      {comments.length > 0 && (
        <section className="detail-block" aria-labelledby="out-comments-title">
          <h3 id="out-comments-title">{t('detail.comments')}</h3>
          <ul className="plain-list" data-testid="comments">
            {comments.map((c, index) => <li key={index}><strong>{c.actor}</strong> ({formatDateTime(c.at)}): {c.note}</li>)}
          </ul>
        </section>
      )}
      <section className="detail-block" aria-labelledby="out-timeline-title">
        <h3 id="out-timeline-title">{t('timeline')}</h3>
        <ol className="timeline" data-testid="timeline">
          {history.map((entry, index) => (
            <li key={index}>
              <span className="timeline-time">{formatDateTime(entry.at)}</span> {entry.actor}: {entry.toState ? t(`state.${entry.toState}` as OutgoingKey) : timelineActionText(entry.action, language)}
              {entry.note && <div className="muted small" data-testid="timeline-note"><TimelineNote action={entry.action} note={entry.note} /></div>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
