import { PassThrough } from 'node:stream';
import {
  CampaignsReport,
  ComplianceReport,
  ConsentLeadsQuery,
  CreateReportExportBody,
  CreateReportSubscriptionBody,
  FunnelLeadsQuery,
  FunnelReport,
  HoursReport,
  ReportCallPage,
  ReportCallsQuery,
  ReportExport,
  type ReportKind,
  ReportLeadPage,
  ReportQuery,
  ReportSubscription,
  SourcesReport,
  TelecallersReport,
} from '@telehub/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import type { Actor } from '../../platform/context.js';
import type { ReportExports } from './reports.exports.js';
import { FILE_TYPES, type ReportFiles } from './reports.files.js';
import { reportsPolicy } from './reports.policy.js';
import type { ReportSchedules } from './reports.schedules.js';
import type { ReportsService } from './reports.service.js';

const tags = ['reports'];
const { read, team } = reportsPolicy.roles;
const IdParams = z.object({ id: z.uuid() });
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
    '/api/v1/reports/compliance',
    {
      config: { auth: team },
      schema: {
        tags,
        summary: 'Dials refused by each rule, abandons against the cap, recordings and their notice, consent given and withdrawn',
        querystring: ReportQuery,
        response: { 200: ComplianceReport },
        ...file,
      },
    },
    (req, reply) => answer(reply, files, actorOf(req), 'compliance', req.query, () => reports.compliance(actorOf(req), req.query)),
  );
  app.get(
    '/api/v1/reports/sources',
    {
      config: { auth: team },
      schema: {
        tags,
        summary: 'Leads per source and how far they went, rows received, matched and rejected, duplicates merged, files imported',
        querystring: ReportQuery,
        response: { 200: SourcesReport },
        ...file,
      },
    },
    (req, reply) => answer(reply, files, actorOf(req), 'sources', req.query, () => reports.sources(actorOf(req), req.query)),
  );
  app.get(
    '/api/v1/reports/compliance/consents',
    {
      config: { auth: team },
      schema: {
        tags,
        summary: 'The leads whose consent was withdrawn (or given) in the period, a page at a time',
        querystring: ConsentLeadsQuery,
        response: { 200: ReportLeadPage },
      },
    },
    (req) => reports.consentLeads(actorOf(req), req.query),
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

export const reportExportRoutes: FastifyPluginAsyncZod<{ exports: ReportExports; schedules: ReportSchedules }> = async (app, { exports, schedules }) => {
  app.post(
    '/api/v1/reports/exports',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Starts writing a report as a file in the background (with the rows behind it); poll it for progress',
        body: CreateReportExportBody,
        response: { 202: ReportExport },
      },
    },
    async (req, reply) => reply.code(202).send(await exports.create(actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/reports/exports/:id',
    {
      config: { auth: read },
      schema: { tags, summary: 'An export’s progress, and its download link once done', params: IdParams, response: { 200: ReportExport } },
    },
    (req) => exports.get(actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/reports/exports/:id/file',
    {
      config: { auth: read },
      schema: { tags, summary: 'The exported file (for the one who asked for it)', params: IdParams, produces: Object.values(FILE_TYPES) },
    },
    async (req, reply) => {
      const { dto, body } = await exports.download(actorOf(req), req.params.id);
      return reply.header('content-type', FILE_TYPES[dto.format]).header('content-disposition', `attachment; filename="${dto.filename}"`).send(body);
    },
  );
  app.get(
    '/api/v1/reports/subscriptions',
    {
      config: { auth: team },
      schema: { tags, summary: 'The reports the caller has emailed to them', response: { 200: z.object({ items: z.array(ReportSubscription) }) } },
    },
    async (req) => ({ items: await schedules.list(actorOf(req)) }),
  );
  app.post(
    '/api/v1/reports/subscriptions',
    {
      config: { auth: team },
      schema: {
        tags,
        summary: 'Emails a report daily (yesterday’s) or weekly (the last seven days) as PDF and Excel',
        body: CreateReportSubscriptionBody,
        response: { 201: ReportSubscription },
      },
    },
    async (req, reply) => reply.code(201).send(await schedules.create(actorOf(req), req.body)),
  );
  app.delete(
    '/api/v1/reports/subscriptions/:id',
    { config: { auth: team }, schema: { tags, summary: 'Stops a scheduled report', params: IdParams } },
    async (req, reply) => {
      await schedules.remove(actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
};
