/** Inbound: each team's answering hours. */
export const inboundEn = {
  inbound: {
    hours: {
      title: 'Inbound hours',
      subtitle: 'When each team answers callers. Outside these hours callers hear that you are closed, and their callback falls due after the next opening.',
      error: 'The teams’ hours could not be loaded',
      empty: 'You lead no team yet.',
      formLabel: 'Inbound hours of {{team}}',
      openNow: 'Open now',
      closedNow: 'Closed now',
      anyHour: 'Answer at any hour',
      timezone: 'Time zone',
      timezoneHint: 'The zone the hours are in, e.g. Asia/Kolkata.',
      timezoneMissing: 'Give the time zone the hours are in.',
      week: 'Open hours per day',
      closedDay: 'Closed all day',
      day: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
      problem: {
        format: 'Write each span as HH:MM-HH:MM, 24-hour, e.g. 09:30-13:00, 14:00-18:30.',
        order: 'A span ends after it starts, within the day.',
        overlap: 'The spans overlap.',
        many: 'At most four spans a day.',
      },
      holidays: 'Holidays',
      holidaysHint: 'Dates closed all day, as YYYY-MM-DD, separated by commas.',
      badHoliday: '“{{value}}” is not a date as YYYY-MM-DD.',
      save: 'Save hours',
      saved: 'Saved.',
      saveFailed: 'Could not save the hours: {{message}}',
    },
  },
};
