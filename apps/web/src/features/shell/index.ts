// Shell: the frame around every signed-in page (navigation by abilities, the account menu,
// the language switch).
export { AppShell } from './components/AppShell';
