/**
 * A finished call's recording through the configured speech engine, for the analysis to read when
 * the live transcript missed a side. The recording is TeleHub's dual-channel one: channel 1 the
 * lead, channel 2 the agent (the contract's order). Each utterance comes back as a line of its
 * speaker with its time in the recording and a language read as live segments' are. Engines that
 * take no files (the simulator) give no transcriber.
 */
import type { TranscriptSegment } from '@telehub/shared';
import type { SttLanguage, SttProvider } from '../../providers/stt/index.js';
import { segmentLanguage } from './speech.language.js';

type Speaker = TranscriptSegment['speaker'];
export type TranscribedLine = Pick<TranscriptSegment, 'speaker' | 'language' | 'text' | 'startMs' | 'endMs'>;

const CHANNEL_OF: Record<Speaker, number> = { lead: 0, agent: 1 };

export type RecordingTranscriber = {
  /** What these speakers said in the recording, in order of time; rejects when the engine refuses or fails. */
  transcribe(wav: Buffer, opts: { speakers: Speaker[]; label: string }): Promise<TranscribedLine[]>;
};

export function createRecordingTranscriber(deps: { stt: SttProvider; language: SttLanguage }): RecordingTranscriber | null {
  const { stt } = deps;
  const transcribeFile = stt.transcribesFiles ? stt.transcribeFile?.bind(stt) : undefined;
  if (!transcribeFile) return null;
  return {
    async transcribe(wav, opts) {
      const channels = opts.speakers.map((s) => CHANNEL_OF[s]);
      const results = await transcribeFile(wav, { language: deps.language, label: opts.label, channels });
      return results.flatMap((r) => {
        const text = r.text.trim();
        if (!r.final || !text || !channels.includes(r.channel)) return [];
        const startMs = Math.max(0, Math.round(r.startMs));
        return [
          {
            speaker: r.channel === 0 ? 'lead' : 'agent',
            language: segmentLanguage(text, r.language),
            text,
            startMs,
            endMs: Math.max(startMs, Math.round(r.endMs)),
          },
        ];
      });
    },
  };
}
