import type { Delivery } from '@eoffice/contract';
import { useCallback, useEffect, useState } from 'react';
import { connection } from '../../client';
import { errorText } from '../../format/error-text';
import { formatDateTime } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { useAppStore } from '../../state/app-store';
import { deliveryMessages, type DeliveryKey } from './delivery-messages';

/** Statuses whose description is the recipient's own words (a reason), shown beside the code's meaning. */
const WITH_REASON = new Set(['02', '13', '15', '16']);

/**
 * Each recipient of a sent document: where the document message is, and every status (01…06, 15, 16) it sent back,
 * in order. Read through sync.deliveries, which answers only for a document the user may see; refreshed on each
 * pass of the sync engine (its `sync.status` event), so a status shows as it arrives.
 */
export function DeliveryStatus({ documentId }: { documentId: string }) {
  const t = useMessages(deliveryMessages);
  const language = useLanguage((s) => s.language);
  const syncEvent = useAppStore((s) => s.syncStatus);
  const changeCount = useAppStore((s) => s.changeCount);
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      setDeliveries((await connection.client.services.sync.deliveries({ id: documentId })).deliveries);
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, [documentId]);
  useEffect(() => void reload(), [reload, syncEvent, changeCount]);

  const statusName = (code: string) => (`status.${code}` in deliveryMessages.vi ? t(`status.${code}` as DeliveryKey) : code);
  return (
    <section className="detail-block" aria-labelledby="out-deliveries-title" data-testid="deliveries">
      <h3 id="out-deliveries-title">{t('title')}</h3>
      {error !== null && <p className="inline-error" role="alert">{t('loadError')} {errorText(error, language)}</p>}
      {deliveries?.length === 0 && <p className="muted">{t('none')}</p>}
      {deliveries && deliveries.length > 0 && (
        <table className="data-table compact" role="grid" aria-label={t('label')}>
          <thead>
            <tr>
              <th scope="col">{t('col.recipient')}</th>
              <th scope="col">{t('col.message')}</th>
              <th scope="col">{t('col.statuses')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.recipient} data-testid="delivery-row" data-recipient={d.recipient}>
                <td>{d.recipientName ?? d.recipient}<div className="muted small">{d.recipient}</div></td>
                <td className="nowrap" data-testid="delivery-message">{t(`message.${d.message}` as DeliveryKey)}</td>
                <td>
                  {d.statuses.length === 0 ? (
                    <span className="muted">{t('noStatus')}</span>
                  ) : (
                    <ol className="plain-list delivery-statuses">
                      {d.statuses.map((s) => (
                        <li key={`${s.code}-${s.at}`} data-testid="delivery-status" data-code={s.code}>
                          <strong>{s.code}</strong> {statusName(s.code)} <span className="muted small">{formatDateTime(s.at)}</span>
                          {WITH_REASON.has(s.code) && s.description && <div className="muted small">{s.description}</div>}
                        </li>
                      ))}
                    </ol>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
