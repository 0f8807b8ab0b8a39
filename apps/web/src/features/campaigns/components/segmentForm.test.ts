import type { CampaignSegment } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { EMPTY_SEGMENT_FORM, splitList, takesEveryLead, toSegment, toSegmentForm } from './segmentForm';

const OWNER = '6f1c2a34-0000-4000-8000-0000000000aa';

describe('the segment form', () => {
  it('reads typed lists: trimmed, no blanks, no repeats (whatever the case)', () => {
    expect(splitList(' vip, Pune\nvip ,, VIP , hot ')).toEqual(['vip', 'Pune', 'hot']);
    expect(splitList(' , \n')).toEqual([]);
  });

  it('round-trips a segment the server sent', () => {
    const segment: CampaignSegment = {
      statuses: ['new', 'callback'],
      tags: ['vip', 'loan'],
      sources: ['website'],
      cities: ['Pune', 'Nashik'],
      languages: ['hi', 'mr'],
      ownerIds: [OWNER],
      createdFrom: '2026-01-01',
      createdTo: '2026-02-01',
      lastContactedFrom: '2026-01-15',
      lastContactedTo: '2026-01-31',
    };
    expect(toSegment(toSegmentForm(segment))).toEqual(segment);
  });

  it('sends only the filters that narrow; none at all takes every lead', () => {
    const none = toSegment(EMPTY_SEGMENT_FORM);
    expect(none).toEqual({});
    expect(takesEveryLead(none)).toBe(true);
    expect(toSegment({ ...EMPTY_SEGMENT_FORM, cities: 'Pune' })).toEqual({ cities: ['Pune'] });
    expect(takesEveryLead({ cities: ['Pune'] })).toBe(false);
  });

  it('is null when the campaign takes only leads added by list, and reads back that way', () => {
    expect(toSegment({ ...EMPTY_SEGMENT_FORM, mode: 'list', tags: 'vip' })).toBeNull();
    expect(toSegmentForm(null).mode).toBe('list');
    expect(takesEveryLead(null)).toBe(false);
  });

  it('drops the last-contacted window when "never contacted" is ticked (both cannot hold)', () => {
    const f = { ...EMPTY_SEGMENT_FORM, neverContacted: true, lastContactedFrom: '2026-01-01', lastContactedTo: '2026-01-31' };
    expect(toSegment(f)).toEqual({ neverContacted: true });
    expect(toSegment({ ...f, neverContacted: false })).toEqual({ lastContactedFrom: '2026-01-01', lastContactedTo: '2026-01-31' });
  });
});
