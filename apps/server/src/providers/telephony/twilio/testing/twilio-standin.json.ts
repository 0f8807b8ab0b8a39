/** The Twilio stand-in's JSON: calls, conferences and participants as Twilio's REST API shows them. */
import type { StandinCall, StandinConference, StandinParticipant } from './twilio-standin.state.js';

const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

/**
 * A call as the Calls API shows it: start_time once dialed, end_time only for a call that
 * completed, duration (seconds, as a string) only for an answered call that ended, date_updated
 * at its last change.
 */
export function toCallJson(accountSid: string, c: StandinCall) {
  const completed = c.status === 'completed' && c.endedAt !== null;
  const talk = completed && c.answeredAt && c.endedAt ? Math.max(0, Math.round((c.endedAt.getTime() - c.answeredAt.getTime()) / 1000)) : null;
  return {
    sid: c.sid,
    account_sid: accountSid,
    to: c.to,
    to_formatted: c.to,
    from: c.from,
    from_formatted: c.from,
    status: c.status,
    direction: c.direction,
    api_version: '2010-04-01',
    parent_call_sid: null,
    date_created: rfc2822(c.createdAt),
    date_updated: rfc2822(c.updatedAt),
    start_time: c.status === 'queued' ? null : rfc2822(c.createdAt),
    end_time: completed && c.endedAt ? rfc2822(c.endedAt) : null,
    duration: talk === null ? null : String(talk),
    price: null,
    uri: `/2010-04-01/Accounts/${accountSid}/Calls/${c.sid}.json`,
    subresource_uris: { recordings: `/2010-04-01/Accounts/${accountSid}/Calls/${c.sid}/Recordings.json` },
  };
}

export function toConferenceJson(accountSid: string, c: StandinConference) {
  return {
    sid: c.sid,
    account_sid: accountSid,
    friendly_name: c.friendlyName,
    status: c.status,
    uri: `/2010-04-01/Accounts/${accountSid}/Conferences/${c.sid}.json`,
  };
}

export function toParticipantJson(accountSid: string, p: StandinParticipant) {
  return {
    account_sid: accountSid,
    call_sid: p.callSid,
    conference_sid: p.conferenceSid,
    label: p.label,
    status: p.status,
    muted: p.muted,
    hold: p.hold,
    hold_url: p.holdUrl,
    coaching: p.coaching,
    call_sid_to_coach: p.callSidToCoach,
    start_conference_on_enter: p.startConferenceOnEnter,
    end_conference_on_exit: p.endConferenceOnExit,
    uri: `/2010-04-01/Accounts/${accountSid}/Conferences/${p.conferenceSid}/Participants/${p.callSid}.json`,
  };
}
