import { useT, type MessageKey } from '../i18n/i18n';
import { useAppStore, type SectionId } from '../state/app-store';
import { Icon } from './icons';

const GROUPS: ReadonlyArray<{ title: MessageKey; items: ReadonlyArray<SectionId> }> = [
  { title: 'nav.section.documents', items: ['incoming', 'outgoing', 'drafts', 'registers'] },
  { title: 'nav.section.records', items: ['records', 'statistics'] },
  { title: 'nav.section.system', items: ['sync', 'settings'] },
];

export function Sidebar() {
  const t = useT();
  const section = useAppStore((s) => s.section);
  const selectSection = useAppStore((s) => s.selectSection);
  return (
    <nav className="sidebar" aria-label={t('nav.section.documents')}>
      {GROUPS.map((group) => (
        <div className="sidebar-group" key={group.title}>
          <div className="sidebar-group-title">{t(group.title)}</div>
          <ul>
            {group.items.map((id) => (
              <li key={id}>
                <button
                  type="button"
                  className={id === section ? 'sidebar-item active' : 'sidebar-item'}
                  aria-current={id === section ? 'page' : undefined}
                  data-testid={`nav-${id}`}
                  onClick={() => selectSection(id)}
                >
                  <Icon name={id} />
                  <span>{t(`nav.${id}` as MessageKey)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
