/** True when `tz` is an IANA time zone this runtime knows (e.g. Asia/Kolkata). */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock fields of `instant` in `zone`. */
export function wallClock(instantMs: number, zone: string) {
  const parts = formatterFor(zone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Offset of `zone` from UTC at `instantMs`, in milliseconds (Asia/Kolkata: +5:30). */
export function zoneOffsetMs(instantMs: number, zone: string): number {
  const w = wallClock(instantMs, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant a wall-clock time in `zone` names (for a time skipped by a DST change, the later reading). */
export function fromWallClock(fields: number[], zone: string): Date {
  const [y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0, ms = 0] = fields;
  const guess = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const first = zoneOffsetMs(guess, zone);
  const second = zoneOffsetMs(guess - first, zone);
  return new Date(guess - second);
}

/** The instant of local midnight today in `zone` (attempts per day, today's counters). */
export function startOfLocalDay(now: Date, zone: string): Date {
  return startOfLocalDayBefore(now, zone, 0);
}

/** Minutes since local midnight in `zone`. */
export function localMinutes(now: Date, zone: string): number {
  const w = wallClock(now.getTime(), zone);
  return w.hour * 60 + w.minute;
}

/** Midnight at the start of the local day `daysAgo` days before the one `now` falls on, in `zone`. */
export function startOfLocalDayBefore(now: Date, zone: string, daysAgo: number): Date {
  const w = wallClock(now.getTime(), zone);
  return fromWallClock([w.year, w.month, w.day - daysAgo], zone);
}

/** The start of the local week (Monday) or month that `now` falls in, in `zone`. */
export function startOfLocalPeriod(now: Date, zone: string, unit: 'day' | 'week' | 'month'): Date {
  const w = wallClock(now.getTime(), zone);
  if (unit === 'month') return fromWallClock([w.year, w.month, 1], zone);
  if (unit === 'day') return fromWallClock([w.year, w.month, w.day], zone);
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay(); // 0 = Sunday
  return fromWallClock([w.year, w.month, w.day - ((weekday + 6) % 7)], zone);
}
