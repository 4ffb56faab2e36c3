import { useEffect } from 'react';
import { startEventFeed, useAppStore } from '../state/app-store';
import { SectionView } from './section-view';
import { Sidebar } from './sidebar';
import { StatusBar } from './status-bar';
import { TopBar } from './top-bar';

export function AppFrame() {
  const refreshSystemInfo = useAppStore((s) => s.refreshSystemInfo);
  useEffect(() => {
    void refreshSystemInfo();
    return startEventFeed();
  }, [refreshSystemInfo]);
  return (
    <div className="app-frame">
      <TopBar />
      <div className="app-body">
        <Sidebar />
        <SectionView />
      </div>
      <StatusBar />
    </div>
  );
}
