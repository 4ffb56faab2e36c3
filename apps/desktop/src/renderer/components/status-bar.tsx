import { useT, type MessageKey } from '../i18n/i18n';
import { connection } from '../client';
import { useAppStore } from '../state/app-store';

/** Fed by a real `system.info` call: what a support person asks first. */
export function StatusBar() {
  const t = useT();
  const info = useAppStore((s) => s.systemInfo);
  const sync = useAppStore((s) => s.syncStatus);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={`status-dot ${info.status}`} aria-hidden="true" />
      <span data-testid="status-transport">{t(`status.transport.${connection.transport}` as MessageKey)}</span>
      {info.status === 'loading' && <span>{t('status.connecting')}</span>}
      {info.status === 'signed-out' && <span data-testid="status-signed-out">{t('status.signedOut')}</span>}
      {info.status === 'error' && <span className="status-error" data-testid="status-error">{t('status.error')}: {info.message}</span>}
      {info.status === 'ready' && (
        <>
          <span data-testid="status-version">{t('status.version')} {info.value.version}</span>
          <span data-testid="status-schema">{t('status.schema')} v{info.value.schemaVersion}</span>
          {info.value.documentCounts && (
            <span data-testid="status-documents">
              {t('status.documents')}: {info.value.documentCounts.total} ({t('status.documentsDetail', info.value.documentCounts)})
            </span>
          )}
          {/* A caller over HTTP is not told where the data lives. */}
          {info.value.dataDir !== null && (
            <span className="status-path" data-testid="status-data-dir" title={info.value.dataDir}>
              {t('status.dataDir')}: {info.value.dataDir}
            </span>
          )}
          {info.value.databasePath !== null && (
            <span className="status-path" data-testid="status-database" title={info.value.databasePath}>
              {t('status.database')}: {info.value.databasePath}
            </span>
          )}
        </>
      )}
      <span className="status-sync">{t(`status.sync.${sync?.state ?? 'disabled'}` as MessageKey)}</span>
    </footer>
  );
}
