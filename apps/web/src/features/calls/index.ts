// Calls: a call and its cache (kept current by callStatusChanged), its live and past transcript,
// recording and dispositions, and how a call reads on screen. The workspace and the command center build on it.
export { putCall } from './api/callCache';
export { callKeys } from './api/callKeys';
export { callsApi, dialBlockReason } from './api/callsApi';
export type { CallChange } from './api/callsLive';
export { CallStatusBadge } from './components/CallStatusBadge';
export { dispositionLabel } from './components/dispositionLabel';
export { PastCalls } from './components/PastCalls';
export { TranscriptList } from './components/TranscriptList';
export { useCall } from './hooks/useCall';
export { useCallAnalysis } from './hooks/useCallAnalysis';
export { useCallChanges } from './hooks/useCallChanges';
export { useDispositions, useTelephony } from './hooks/useCallLists';
export { useCallTranscript } from './hooks/useCallTranscript';
