import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { session } from './features/auth';
import { initI18n } from './i18n';
import './index.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

await initI18n();
// Restores the session from the refresh cookie while the first screen renders.
void session.restore();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
