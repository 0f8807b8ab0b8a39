/**
 * Scheduled reports: a person subscribes to a report daily (yesterday's, each morning) or weekly
 * (the seven days before, on a weekday), at an hour of the organisation's day; when it is due it
 * is written as PDF and Excel, with the rights the person has then, and emailed. A send that
 * fails is tried again in a quarter of an hour and its error is shown on the subscription.
 */
import { PassThrough } from 'node:stream';
import type { CreateReportSubscriptionBody, ReportFilterSet, ReportKind, ReportSubscription } from '@telehub/shared';
import { CreateReportSubscriptionBody as Body } from '@telehub/shared';
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Actor, Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { CommonErrors } from '../../platform/errors.js';
import type { Logger } from '../../platform/logging.js';
import { fromWallClock, wallClock } from '../../platform/time.js';
import type { Mailer } from '../../providers/email/index.js';
import { wordsOf } from './reports.document.js';
import { ReportErrors } from './reports.errors.js';
import { FILE_TYPES, type ReportFiles } from './reports.files.js';
import { nextDay } from './reports.read.js';
import type { ReportsService } from './reports.service.js';
import { reportSubscriptions } from './reports.tables.js';

type Row = typeof reportSubscriptions.$inferSelect;
const RETRY_MS = 15 * 60_000;
const BATCH = 20;

function toDto(r: Row): ReportSubscription {
  return {
    id: r.id,
    kind: r.kind as ReportKind,
    filters: r.filters as ReportFilterSet,
    frequency: r.frequency as ReportSubscription['frequency'],
    weekday: r.weekday,
    hour: r.hour,
    email: r.email,
    lang: r.lang as 'en' | 'hi',
    nextRunAt: r.nextRunAt.toISOString(),
    lastSentAt: r.lastSentAt?.toISOString() ?? null,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The calendar day of an instant in a zone, and the day before a day. */
const dayOf = (at: Date, zone: string) => {
  const w = wallClock(at.getTime(), zone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
};
function dayBefore(day: string, n = 1): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** The next time a subscription is due after `after`: the hour on the next day (or weekday) it runs. */
export function nextRun(s: { frequency: string; weekday: number | null; hour: number }, after: Date, zone: string): Date {
  let day = dayOf(after, zone);
  for (let i = 0; i < 9; i++) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const at = fromWallClock([y, m, d, s.hour], zone);
    const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
    if (at > after && (s.frequency === 'daily' || weekday === s.weekday)) return at;
    day = nextDay(day);
  }
  throw new Error('no next run within a week');
}

/** The period a run covers: yesterday, or the seven days before the run's day. */
export function periodOf(frequency: string, runAt: Date, zone: string): { from: string; to: string } {
  const to = dayBefore(dayOf(runAt, zone));
  return { from: frequency === 'weekly' ? dayBefore(to, 6) : to, to };
}

async function collect(write: (out: NodeJS.WritableStream) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await Promise.all([write(out), done]);
  return Buffer.concat(chunks);
}

export function createReportSchedules(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  mailer: Mailer | null;
  files: ReportFiles;
  reports: Pick<ReportsService, 'scopeOf'>;
  /** The person as they are now, with their email; undefined once they cannot sign in. */
  personOf: (userId: string) => Promise<(Actor & { email: string }) | undefined>;
}) {
  const { db, clock, timeZone } = deps;

  /** Writes and emails one subscription's report for the period before `runAt`. */
  async function send(row: Row, runAt: Date): Promise<void> {
    if (!deps.mailer) throw ReportErrors.REPORT_EMAIL_NOT_CONFIGURED();
    const person = await deps.personOf(row.userId);
    if (!person) throw new Error('the subscriber can no longer sign in');
    const kind = row.kind as ReportKind;
    const lang = row.lang as 'en' | 'hi';
    const query = { ...(row.filters as ReportFilterSet), ...periodOf(row.frequency, runAt, timeZone), lang };
    // The emailed Excel carries the report's sections; the rows behind it are a download away.
    const [pdf, xlsx] = await Promise.all([
      collect((out) => deps.files.write(person, kind, { ...query, format: 'pdf' }, out)),
      collect((out) => deps.files.write(person, kind, { ...query, format: 'xlsx' }, out, undefined, { detail: false })),
    ]);
    const w = wordsOf(lang);
    const title = w[kind] ?? kind;
    const name = `telehub-${kind}-${query.from}-to-${query.to}`;
    const period = query.from === query.to ? query.from : `${query.from} – ${query.to}`;
    await deps.mailer.send({
      to: row.email,
      subject: `TeleHub: ${title}, ${period}`,
      text:
        lang === 'hi'
          ? `${title} (${period}) PDF और Excel में संलग्न है।\n\nयह रिपोर्ट TeleHub में आपकी सदस्यता से भेजी गई है; इसे रिपोर्ट पेज पर बंद किया जा सकता है।`
          : `${title} for ${period} is attached as PDF and Excel.\n\nYou get this because you scheduled it in TeleHub; turn it off on the Reports page.`,
      attachments: [
        { filename: `${name}.pdf`, content: pdf, contentType: FILE_TYPES.pdf },
        { filename: `${name}.xlsx`, content: xlsx, contentType: FILE_TYPES.xlsx },
      ],
    });
  }

  return {
    async list(actor: Actor): Promise<ReportSubscription[]> {
      const rows = await db.select().from(reportSubscriptions).where(eq(reportSubscriptions.userId, actor.id)).orderBy(asc(reportSubscriptions.createdAt));
      return rows.map(toDto);
    },

    async create(actor: Actor & { email?: string }, input: CreateReportSubscriptionBody): Promise<ReportSubscription> {
      const body = Body.parse(input);
      if (!deps.mailer) throw ReportErrors.REPORT_EMAIL_NOT_CONFIGURED();
      // The reader's rights, checked as for a report today.
      const today = dayOf(clock.now(), timeZone);
      await deps.reports.scopeOf(actor, body.kind, { ...body.filters, from: today, to: today });
      const person = await deps.personOf(actor.id);
      const email = body.email ?? person?.email;
      if (!email) throw CommonErrors.VALIDATION_FAILED('email: give the address the report goes to');
      const weekday = body.frequency === 'weekly' ? (body.weekday ?? 0) : null;
      const [row] = await db
        .insert(reportSubscriptions)
        .values({
          userId: actor.id,
          kind: body.kind,
          filters: body.filters as Record<string, string>,
          frequency: body.frequency,
          weekday,
          hour: body.hour,
          email,
          lang: body.lang,
          nextRunAt: nextRun({ frequency: body.frequency, weekday, hour: body.hour }, clock.now(), timeZone),
          createdAt: clock.now(),
        })
        .returning();
      if (!row) throw new Error('subscription not stored');
      return toDto(row);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const gone = await db
        .delete(reportSubscriptions)
        .where(and(eq(reportSubscriptions.id, id), eq(reportSubscriptions.userId, actor.id)))
        .returning({ id: reportSubscriptions.id });
      if (gone.length === 0) throw ReportErrors.REPORT_SUBSCRIPTION_NOT_FOUND();
    },

    /** Sends the subscriptions that are due; returns how many went out. */
    async sendDue(): Promise<number> {
      if (!deps.mailer) return 0;
      const now = clock.now();
      const due = await db
        .select()
        .from(reportSubscriptions)
        .where(lte(reportSubscriptions.nextRunAt, now))
        .orderBy(asc(reportSubscriptions.nextRunAt))
        .limit(BATCH);
      let sent = 0;
      for (const row of due) {
        try {
          await send(row, row.nextRunAt);
          sent++;
          await db
            .update(reportSubscriptions)
            .set({ lastSentAt: clock.now(), lastError: null, nextRunAt: nextRun(row, now, timeZone) })
            .where(eq(reportSubscriptions.id, row.id));
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          deps.logger.warn({ err, subscription: row.id }, 'scheduled report not sent; trying again later');
          await db
            .update(reportSubscriptions)
            .set({ lastError: message.slice(0, 500), nextRunAt: new Date(now.getTime() + RETRY_MS) })
            .where(eq(reportSubscriptions.id, row.id));
        }
      }
      return sent;
    },
  };
}

export type ReportSchedules = ReturnType<typeof createReportSchedules>;
