/** The lead page's calls: each call's direction and who may hear its recording. */
export const leadCallsEn = {
  leadCalls: {
    title: 'Calls',
    empty: 'No calls yet',
    direction: {
      outbound: 'Outgoing',
      inbound: 'Incoming',
    },
    noAgent: 'No agent took it',
    recordingNotYours: 'Recorded. Only the agent on the call and their managers can play it.',
  },
};
