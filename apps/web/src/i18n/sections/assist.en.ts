/** Live assist: the cards beside a live call. */
export const assistEn = {
  assist: {
    title: 'Live assist',
    suggest: 'Suggest a reply',
    suggestFailed: 'No suggestion: {{message}}',
    error: 'Assist cards could not be loaded',
    waiting: 'Cards appear here as the lead speaks: objections, answers, the checklist and nudges.',
    none: 'This call raised no cards.',
    stage: 'Script stage: {{stage}}',
    done: 'done',
    notYet: 'not yet',
    trend: 'Sentiment, oldest first: {{values}}',
    objection: {
      price: 'Price',
      timing: 'Timing',
      callback_later: 'Call back later',
      not_interested: 'Not interested',
      trust: 'Trust',
      consult_family: 'Consult family',
      already_enrolled: 'Already enrolled',
      logistics: 'Logistics',
    },
    checkpoint: {
      greeting: 'Greeting',
      recording_disclosure: 'Recording notice',
      need_discovery: 'Need discovery',
      pitch: 'Pitch',
      objection_handling: 'Objection handling',
      close: 'Close',
      next_step: 'Next step',
    },
  },
};
