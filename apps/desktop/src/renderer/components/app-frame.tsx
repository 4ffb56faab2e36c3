import { useEffect } from 'react';
import { preloadSections } from '../sections/registry';
import { landingSection } from '../sections/section-list';
import { startEventFeed, useAppStore } from '../state/app-store';
import { useBadges } from '../state/badges-store';
import { startNotifications } from '../state/notifications-store';
import { translateWith } from '../i18n/define-messages';
import { useLanguage } from '../i18n/i18n';
import { settingsMessages } from '../sections/settings/settings-messages';
import { useSession } from '../state/session-store';
import { SectionView } from './section-view';
import { Sidebar } from './sidebar';
import { SignInScreen } from './sign-in-screen';
import { StatusBar } from './status-bar';
import { TopBar } from './top-bar';

export function AppFrame() {
  const refreshSystemInfo = useAppStore((s) => s.refreshSystemInfo);
  const status = useSession((s) => s.status);
  const user = useSession((s) => s.user);
  useEffect(() => {
    void refreshSystemInfo();
    void useSession.getState().checkSetup();
  }, [refreshSystemInfo]);
  // The first screen is up (sign-in, or the office frame): the sections' code is fetched now, behind it, so the first
  // section opened after signing in does not wait for it.
  const firstScreenUp = status !== 'checking';
  useEffect(() => {
    if (!firstScreenUp) return;
    const timer = setTimeout(preloadSections, 0);
    return () => clearTimeout(timer);
  }, [firstScreenUp]);
  // The event stream is opened with the session of whoever is signed in, and again at each sign-in and sign-out: it
  // hears of a secret document only while its user may see it.
  useEffect(() => startEventFeed(), [user]);
  // New incoming documents and recipients' statuses, told to whoever is signed in (once they turned notifications on).
  useEffect(() => {
    if (!user) return;
    return startNotifications(() => {
      const t = translateWith(settingsMessages, useLanguage.getState().language);
      return { incoming: t('notify.incoming'), status: t('notify.status'), statusBody: (n) => t('notify.statusBody', { n }) };
    });
  }, [user]);
  // Each sign-in lands on the user's own work and asks for their counts; signing out forgets them.
  useEffect(() => {
    // system.info needs a session: the status bar's counts follow who is signed in.
    void useAppStore.getState().refreshSystemInfo();
    if (user) {
      useAppStore.getState().selectSection(landingSection(user.roles));
      void useBadges.getState().refresh();
    } else {
      useBadges.getState().clear();
    }
  }, [user]);
  return (
    <div className="app-frame">
      {status === 'signed-in' ? (
        <>
          <TopBar />
          <div className="app-body">
            <Sidebar />
            <SectionView />
          </div>
        </>
      ) : status === 'checking' ? (
        <div className="app-body" aria-busy="true" />
      ) : (
        <SignInScreen />
      )}
      <StatusBar />
    </div>
  );
}
