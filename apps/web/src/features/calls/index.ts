// Calls: a call and its cache, its transcript, recording and disposition list, and how a call
// reads on screen (status badge, transcript, past calls). The workspace and the command center build on it.
export { callKeys } from './api/callKeys';
export { callsApi, dialBlockReason } from './api/callsApi';
export { CallStatusBadge } from './components/CallStatusBadge';
export { dispositionLabel } from './components/dispositionLabel';
export { PastCalls } from './components/PastCalls';
export { TranscriptList } from './components/TranscriptList';
export { useCall } from './hooks/useCall';
export { useDispositions, useTelephony } from './hooks/useCallLists';
export { useTranscript } from './hooks/useTranscript';
