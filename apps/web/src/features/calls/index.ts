// Calls: a call and its cache (kept current by callStatusChanged), its live and past transcript,
// recording and dispositions, and how a call reads on screen. The workspace and the command center build on it;
// call-review builds the call page from its pieces (the lanes, the analysis, the recording).
export { putCall } from './api/callCache';
export { callKeys } from './api/callKeys';
export { callsApi, dialBlockReason } from './api/callsApi';
export type { CallChange } from './api/callsLive';
export { AnalysisGate } from './components/AnalysisGate';
export { Figure } from './components/CallAnalysisPanel';
export { CallBrief, CallPageLink } from './components/CallBrief';
export { CallStatusBadge } from './components/CallStatusBadge';
export { dispositionLabel, dispositionText, outcomeText } from './components/dispositionLabel';
export { PastCalls } from './components/PastCalls';
export { SpeechLanes } from './components/SpeechLanes';
export { SENTIMENT_TONE } from './components/sentiment';
export { TranscriptList } from './components/TranscriptList';
export { type Lanes, lanesFromTranscript, lineLength, msAtFraction, percentAt } from './components/timelineGeometry';
export { useCall } from './hooks/useCall';
export { useCallAnalysis } from './hooks/useCallAnalysis';
export { useCallChanges } from './hooks/useCallChanges';
export { useDispositions, useTelephony } from './hooks/useCallLists';
export { useCallTranscript } from './hooks/useCallTranscript';
export { useRecording } from './hooks/useRecording';
export { useTranscript } from './hooks/useTranscript';
