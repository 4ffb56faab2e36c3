import type { RecordFileView } from '@eoffice/contract';
import { formatDateText } from '../../format/vietnam-date';
import type { Translate } from '../../i18n/define-messages';
import type { RecordsKey } from './records-messages';

/** "Vĩnh viễn" or "10 năm" in the reader's language (the file's own label, `maintenance`, is Vietnamese only). */
export function retentionText(t: Translate<RecordsKey>, retention: RecordFileView['retention']): string {
  return retention === 'permanent' ? t('retention.permanent') : t('retention.years', { n: retention });
}

/** The file's start and end dates as dd/MM/yyyy; a file without documents yet has neither. */
export function periodText(file: Pick<RecordFileView, 'startDate' | 'endDate'>): string {
  if (!file.startDate && !file.endDate) return '—';
  return `${formatDateText(file.startDate) || '…'} – ${formatDateText(file.endDate) || '…'}`;
}
