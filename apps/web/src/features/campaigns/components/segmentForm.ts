/** A campaign's segment as the editor holds it (lists as typed text, dates as input values), to and from the API's shape. */
import type { CampaignSegment, Language, LeadStatus } from '@telehub/shared';

export type SegmentForm = {
  /** 'segment': leads that match the filters below; 'list': only leads added by id. */
  mode: 'segment' | 'list';
  statuses: LeadStatus[];
  /** Comma- or line-separated, as typed. */
  tags: string;
  sources: string;
  cities: string;
  languages: Language[];
  ownerIds: string[];
  /** yyyy-mm-dd from a date input, or ''. */
  createdFrom: string;
  createdTo: string;
  lastContactedFrom: string;
  lastContactedTo: string;
  neverContacted: boolean;
};

/** "a, b\nc, a" -> ["a", "b", "c"]: trimmed, no blanks, first spelling of each kept. */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const v = raw.trim();
    if (v && !seen.has(v.toLowerCase())) {
      seen.add(v.toLowerCase());
      out.push(v);
    }
  }
  return out;
}

export const EMPTY_SEGMENT_FORM: SegmentForm = {
  mode: 'segment',
  statuses: [],
  tags: '',
  sources: '',
  cities: '',
  languages: [],
  ownerIds: [],
  createdFrom: '',
  createdTo: '',
  lastContactedFrom: '',
  lastContactedTo: '',
  neverContacted: false,
};

export function toSegmentForm(segment: CampaignSegment | null): SegmentForm {
  if (!segment) return { ...EMPTY_SEGMENT_FORM, mode: 'list' };
  return {
    mode: 'segment',
    statuses: segment.statuses ?? [],
    tags: (segment.tags ?? []).join(', '),
    sources: (segment.sources ?? []).join(', '),
    cities: (segment.cities ?? []).join(', '),
    languages: segment.languages ?? [],
    ownerIds: segment.ownerIds ?? [],
    createdFrom: segment.createdFrom ?? '',
    createdTo: segment.createdTo ?? '',
    lastContactedFrom: segment.lastContactedFrom ?? '',
    lastContactedTo: segment.lastContactedTo ?? '',
    neverContacted: segment.neverContacted ?? false,
  };
}

/**
 * The segment to send: only the filters that narrow (an empty list narrows nothing, so it is
 * left out), or null when the campaign takes only leads added by list. "Never contacted" and a
 * last-contacted window cannot both hold, so the window goes when the box is ticked.
 */
export function toSegment(f: SegmentForm): CampaignSegment | null {
  if (f.mode === 'list') return null;
  const s: CampaignSegment = {};
  if (f.statuses.length > 0) s.statuses = [...f.statuses];
  const tags = splitList(f.tags);
  if (tags.length > 0) s.tags = tags;
  const sources = splitList(f.sources);
  if (sources.length > 0) s.sources = sources;
  const cities = splitList(f.cities);
  if (cities.length > 0) s.cities = cities;
  if (f.languages.length > 0) s.languages = [...f.languages];
  if (f.ownerIds.length > 0) s.ownerIds = [...f.ownerIds];
  if (f.createdFrom) s.createdFrom = f.createdFrom;
  if (f.createdTo) s.createdTo = f.createdTo;
  if (f.neverContacted) s.neverContacted = true;
  else {
    if (f.lastContactedFrom) s.lastContactedFrom = f.lastContactedFrom;
    if (f.lastContactedTo) s.lastContactedTo = f.lastContactedTo;
  }
  return s;
}

/** A segment with no filter takes every lead of the base: worth a warning before it is saved. */
export const takesEveryLead = (s: CampaignSegment | null): boolean => s !== null && Object.keys(s).length === 0;
