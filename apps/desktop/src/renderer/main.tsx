// First: zod must know it may not use eval before the contract builds its schemas.
import '@eoffice/contract/zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppFrame } from './components/app-frame';
import { useLanguage } from './i18n/i18n';
import './styles.css';

document.documentElement.lang = useLanguage.getState().language;
const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <AppFrame />
  </StrictMode>,
);
