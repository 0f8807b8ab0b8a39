import { PassThrough } from 'node:stream';
import {
  CampaignsReport,
  FunnelLeadsQuery,
  FunnelReport,
  HoursReport,
  ReportCallPage,
  ReportCallsQuery,
  type ReportKind,
  ReportLeadPage,
  ReportQuery,
  TelecallersReport,
} from '@telehub/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import type { Actor } from '../../platform/context.js';
import { FILE_TYPES, type ReportFiles } from './reports.files.js';
import { reportsPolicy } from './reports.policy.js';
import type { ReportsService } from './reports.service.js';

const tags = ['reports'];
const { read } = reportsPolicy.roles;
type Query = z.output<typeof ReportQuery>;

/** The JSON report, or with `format` the file, streamed as it is written. */
async function answer<T>(reply: FastifyReply, files: ReportFiles, actor: Actor, kind: ReportKind, q: Query, json: () => Promise<T>) {
  if (q.format === 'json') return json();
  const out = new PassThrough();
  const { filename } = await files.begin(actor, kind, q);
  files.write(actor, kind, q, out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return reply.header('content-type', FILE_TYPES[q.format]).header('content-disposition', `attachment; filename="${filename}"`).send(out);
}

export const reportsRoutes: FastifyPluginAsyncZod<{ reports: ReportsService; files: ReportFiles }> = async (app, { reports, files }) => {
  const file = { produces: ['application/json', ...Object.values(FILE_TYPES)] };
  app.get(
    '/api/v1/reports/funnel',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Leads created in the period through the stages, by source and campaign (format: xlsx, pdf, csv for the file)',
        querystring: ReportQuery,
        response: { 200: FunnelReport },
        ...file,
      },
    },
    (req, reply) => answer(reply, files, actorOf(req), 'funnel', req.query, () => reports.funnel(actorOf(req), req.query)),
  );
  app.get(
    '/api/v1/reports/campaigns',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Dials, connects, talk, handle time, conversions, abandons and cost per campaign, and by day',
        querystring: ReportQuery,
        response: { 200: CampaignsReport },
        ...file,
      },
    },
    (req, reply) => answer(reply, files, actorOf(req), 'campaigns', req.query, () => reports.campaigns(actorOf(req), req.query)),
  );
  app.get(
    '/api/v1/reports/telecallers',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Each telecaller’s figures beside the median, with a trend by day (a telecaller: their own)',
        querystring: ReportQuery,
        response: { 200: TelecallersReport },
        ...file,
      },
    },
    (req, reply) => answer(reply, files, actorOf(req), 'telecallers', req.query, () => reports.telecallers(actorOf(req), req.query)),
  );
  app.get(
    '/api/v1/reports/hours',
    {
      config: { auth: read },
      schema: { tags, summary: 'Connect rate by weekday and hour in the leads’ time zones', querystring: ReportQuery, response: { 200: HoursReport }, ...file },
    },
    (req, reply) => answer(reply, files, actorOf(req), 'hours', req.query, () => reports.hours(actorOf(req), req.query)),
  );
  app.get(
    '/api/v1/reports/funnel/leads',
    {
      config: { auth: read },
      schema: { tags, summary: 'The leads behind a funnel stage or exit, a page at a time', querystring: FunnelLeadsQuery, response: { 200: ReportLeadPage } },
    },
    (req) => reports.funnelLeads(actorOf(req), req.query),
  );
  app.get(
    '/api/v1/reports/calls',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'The calls behind a report’s number (campaign, outcome, weekday and hour), a page at a time',
        querystring: ReportCallsQuery,
        response: { 200: ReportCallPage },
      },
    },
    (req) => reports.calls(actorOf(req), req.query),
  );
};
