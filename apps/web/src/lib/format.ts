/** Phone numbers, dates and numbers for people, in the interface language (Intl, en-IN / hi-IN). */
import { intlLocale } from '../i18n';

/** Two-digit STD codes (metros); other Indian landlines use three or four digits. */
const STD_2 = new Set(['11', '20', '22', '33', '40', '44', '79', '80']);

/** "+919876543210" -> "+91 98765 43210"; keeps the E.164 digits visible, only adds spaces. */
export function formatPhone(e164: string): string {
  const m = /^\+91(\d{10})$/.exec(e164);
  if (m?.[1]) {
    const n = m[1];
    if (/^[6-9]/.test(n)) return `+91 ${n.slice(0, 5)} ${n.slice(5)}`;
    const std = STD_2.has(n.slice(0, 2)) ? 2 : 3;
    return `+91 ${n.slice(0, std)} ${n.slice(std)}`;
  }
  const intl = /^\+(1|7|\d{2})(\d+)$/.exec(e164);
  if (intl?.[1] && intl[2]) return `+${intl[1]} ${intl[2].replace(/(\d{3,4})(?=\d{3,})/g, '$1 ')}`;
  return e164;
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DisplayNames>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DisplayNames>(key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit) return hit as T;
  const made = make();
  cache.set(key, made);
  return made;
}

export function formatDate(iso: string, lng: string): string {
  const f = cached(`d:${lng}`, () => new Intl.DateTimeFormat(intlLocale(lng), { day: 'numeric', month: 'short', year: 'numeric' }));
  return f.format(new Date(iso));
}

/**
 * The parts of a time of day. Hindi says the part of the day in words ("शाम 4:00", "सुबह 9"), as
 * people speak it; hi-IN's plain 12-hour form would otherwise keep the English "am/pm".
 */
export function clockOptions(lng: string, minutes = true): Intl.DateTimeFormatOptions {
  return { hour: 'numeric', ...(minutes ? { minute: '2-digit' } : {}), ...(lng === 'hi' ? { dayPeriod: 'short' } : {}) };
}

export function formatDateTime(iso: string, lng: string): string {
  const f = cached(`dt:${lng}`, () => new Intl.DateTimeFormat(intlLocale(lng), { day: 'numeric', month: 'short', year: 'numeric', ...clockOptions(lng) }));
  return f.format(new Date(iso));
}

export function formatNumber(n: number, lng: string): string {
  return cached(`n:${lng}`, () => new Intl.NumberFormat(intlLocale(lng))).format(n);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3 days ago" / "3 दिन पहले". */
export function formatRelative(iso: string, lng: string, now: number = Date.now()): string {
  const rtf = cached(`r:${lng}`, () => new Intl.RelativeTimeFormat(intlLocale(lng), { numeric: 'auto' }));
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(0, 'second');
}

/** "hi" -> "Hindi" in English, "हिन्दी" in Hindi. */
export function languageName(code: string, lng: string): string {
  try {
    const names = cached(`l:${lng}`, () => new Intl.DisplayNames([intlLocale(lng)], { type: 'language' }));
    return names.of(code) ?? code;
  } catch {
    // An unknown or malformed code: show it as stored.
    return code;
  }
}

/** 1536 -> "1.5 KB"; sizes of uploaded files. */
export function formatBytes(bytes: number, lng: string): string {
  const [unit, size] = bytes >= 1_048_576 ? (['megabyte', 1_048_576] as const) : bytes >= 1024 ? (['kilobyte', 1024] as const) : (['byte', 1] as const);
  // "322 byte" reads wrong; bytes are spelled out, larger units abbreviated.
  const display = unit === 'byte' ? 'long' : 'short';
  const f = cached(`b:${lng}:${unit}`, () => new Intl.NumberFormat(intlLocale(lng), { style: 'unit', unit, unitDisplay: display, maximumFractionDigits: 1 }));
  return f.format(bytes / size);
}

/** 42.5 -> "43%": progress, in the interface language. */
export function formatPercent(percent: number, lng: string): string {
  return cached(`p:${lng}`, () => new Intl.NumberFormat(intlLocale(lng), { style: 'percent', maximumFractionDigits: 0 })).format(percent / 100);
}

/** 0.0312 -> "3.1%": a small rate (abandoned calls, occupancy), to one decimal. */
export function formatRate(fraction: number, lng: string): string {
  return cached(`pr:${lng}`, () => new Intl.NumberFormat(intlLocale(lng), { style: 'percent', maximumFractionDigits: 1 })).format(fraction);
}

/** 200 -> "3 minutes" (whole units, the largest that fits): how long something has waited or run. */
export function formatDuration(seconds: number, lng: string): string {
  const [value, unit] =
    seconds >= 86_400 ? [seconds / 86_400, 'day'] : seconds >= 3600 ? [seconds / 3600, 'hour'] : seconds >= 60 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  const f = cached(`u:${lng}:${unit}`, () => new Intl.NumberFormat(intlLocale(lng), { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }));
  return f.format(Math.floor(value));
}

/** 125 -> "02:05", 3725 -> "1:02:05": a running call timer. */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** 3900 -> "1 hr 5 min" / "1 घं॰ 5 मि॰": talk time, to the minute (seconds below one minute). */
export function formatTalkTime(totalSeconds: number, lng: string): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const unit = (u: 'hour' | 'minute' | 'second', v: number) =>
    cached(`t:${lng}:${u}`, () => new Intl.NumberFormat(intlLocale(lng), { style: 'unit', unit: u, unitDisplay: 'short' })).format(v);
  if (s < 60) return unit('second', s);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${unit('hour', h)} ${unit('minute', m)}` : unit('minute', m);
}

/** A time of day, "11:00 am" / "सुबह 11:00", in the interface language. */
export function formatTime(iso: string, lng: string): string {
  return cached(`tm:${lng}`, () => new Intl.DateTimeFormat(intlLocale(lng), clockOptions(lng))).format(new Date(iso));
}

/** 3725 -> "1:02:05", 65 -> "0:01:05": a total of talk time, always with its hours. */
export function formatHms(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${mm}:${ss}`;
}

/** 125 -> "2:05", 3725 -> "62:05": an average handle time, in minutes and seconds. */
export function formatMinSec(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** 250000 -> "₹2,50,000" (Indian grouping), to the rupee; a figure under 100 keeps its paise. */
export function formatRupees(amount: number, lng: string): string {
  const small = Math.abs(amount) < 100 && !Number.isInteger(amount);
  return cached(
    `inr:${lng}:${small}`,
    () => new Intl.NumberFormat(intlLocale(lng), { style: 'currency', currency: 'INR', maximumFractionDigits: small ? 2 : 0, minimumFractionDigits: 0 }),
  ).format(amount);
}
