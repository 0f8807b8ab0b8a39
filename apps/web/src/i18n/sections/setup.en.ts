/** The admin's setup checklist and where each role lands. */
export const setupEn = {
  setup: {
    title: 'Set up TeleHub',
    subtitle: 'The steps before your floor can call. The first three are needed; the rest make it work well.',
    loadError: 'Could not load the setup checklist',
    progress: '{{done}} of {{total}} steps done',
    ready: 'Your organisation is set up. Go to the command center to watch the floor.',
    toCommandCenter: 'Open the command center',
    required: 'Needed',
    recommended: 'Recommended',
    done: 'Done',
    todo: 'To do',
    steps: {
      teams: { title: 'Create your teams', body: 'Teams group telecallers under a manager, who then sees their floor.' },
      telecallers: { title: 'Add your telecallers', body: 'Invite people one by one or from a CSV file.' },
      leads: { title: 'Bring in your leads', body: 'Import a CSV or Excel file; duplicates merge by phone number.' },
      campaigns: { title: 'Start a campaign', body: 'A campaign dials a list of leads for a team, with its own rules.' },
      telephony: {
        title: 'Connect Exotel or Twilio',
        body: 'Calls run on the built-in simulator until a real provider is set in the server’s environment (TELEPHONY_PROVIDER).',
      },
      dnd: { title: 'Load the DND registry', body: 'Numbers on the NCPR registry are never dialled for marketing.' },
      sources: { title: 'Connect a lead source', body: 'Sync the Laravel CRM or its MySQL database, or import a file.' },
    },
    actions: {
      teams: 'Teams',
      telecallers: 'Users',
      leads: 'Import leads',
      campaigns: 'New campaign',
      dnd: 'DND registry',
      sources: 'Sources',
    },
    count_one: '{{count}} so far',
    count_other: '{{count}} so far',
  },
} as const;
