/** True when `tz` is an IANA time zone this runtime knows (e.g. Asia/Kolkata). */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
