// Live assist: the cards a live call raises (objections, knowledge, script checklist, sentiment,
// nudges) and a suggested reply on demand. The workspace and the command center show them.
export { assistApi } from './api/assistApi';
export { AssistPanel } from './components/AssistPanel';
export { useAssistCards } from './hooks/useAssistCards';
