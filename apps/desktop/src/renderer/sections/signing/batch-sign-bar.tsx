import type { DocumentView } from '@eoffice/contract';
import { useMessages } from '../../i18n/define-messages';
import { signingMessages } from './signing-messages';

/** The leader's selection of approved documents, signed together with one PIN entry (the list opens the dialog). */
export function BatchSignBar({ documents, onSign }: { documents: readonly DocumentView[]; onSign: () => void }) {
  const t = useMessages(signingMessages);
  return (
    <div className="batch-bar" data-testid="batch-bar">
      <span>{t('batchBar', { count: documents.length })}</span>
      <button type="button" className="button primary" onClick={onSign}>{t('signBatch', { count: documents.length })}</button>
    </div>
  );
}
