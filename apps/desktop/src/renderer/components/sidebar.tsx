import { useT, type MessageKey } from '../i18n/i18n';
import { sectionsFor, type SectionGroup, type SectionId } from '../sections/section-list';
import { useAppStore } from '../state/app-store';
import { useBadges } from '../state/badges-store';
import { useSession } from '../state/session-store';
import { Icon } from './icons';

const GROUP_TITLES: Record<SectionGroup, MessageKey> = {
  documents: 'nav.section.documents',
  records: 'nav.section.records',
  system: 'nav.section.system',
};

/** Only the sections the signed-in user's roles can use; the counts say what waits for them. */
export function Sidebar() {
  const t = useT();
  const section = useAppStore((s) => s.section);
  const selectSection = useAppStore((s) => s.selectSection);
  const user = useSession((s) => s.user);
  const badges = useBadges((s) => s.badges);
  const visible = sectionsFor(user?.roles ?? []).filter((s) => !s.hiddenInNav);
  const groups = (['documents', 'records', 'system'] as const)
    .map((group) => ({ group, items: visible.filter((s) => s.group === group) }))
    .filter((g) => g.items.length > 0);

  const badgesOf = (id: SectionId) => {
    if (!badges) return [];
    const list: Array<{ kind: string; count: number; label: string }> = [];
    if (id === 'incoming') {
      if (badges.unreadIncoming > 0) list.push({ kind: 'unread', count: badges.unreadIncoming, label: t('nav.badge.unread', { count: badges.unreadIncoming }) });
      if (badges.overdue > 0) list.push({ kind: 'overdue', count: badges.overdue, label: t('nav.badge.overdue', { count: badges.overdue }) });
    }
    if (id === 'drafts' && badges.awaitingMySignature > 0) {
      list.push({ kind: 'sign', count: badges.awaitingMySignature, label: t('nav.badge.awaitingSignature', { count: badges.awaitingMySignature }) });
    }
    return list;
  };

  return (
    <nav className="sidebar" aria-label={t('nav.main')}>
      {groups.map(({ group, items }) => (
        <div className="sidebar-group" key={group}>
          <div className="sidebar-group-title">{t(GROUP_TITLES[group])}</div>
          <ul>
            {items.map(({ id }) => {
              const counts = badgesOf(id);
              return (
                <li key={id}>
                  <button
                    type="button"
                    className={id === section ? 'sidebar-item active' : 'sidebar-item'}
                    aria-current={id === section ? 'page' : undefined}
                    data-testid={`nav-${id}`}
                    onClick={() => selectSection(id)}
                    aria-describedby={counts.length > 0 ? `nav-${id}-counts` : undefined}
                  >
                    <Icon name={id} />
                    <span className="sidebar-label">{t(`nav.${id}` as MessageKey)}</span>
                    {counts.map((b) => (
                      <span key={b.kind} className={`nav-badge ${b.kind}`} data-testid={`badge-${b.kind}`} title={b.label} aria-hidden="true">
                        {b.count}
                      </span>
                    ))}
                  </button>
                  {/* The counts describe the button rather than rename it: its name stays the section's. */}
                  {counts.length > 0 && (
                    <span id={`nav-${id}-counts`} hidden>{counts.map((b) => b.label).join(', ')}</span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
