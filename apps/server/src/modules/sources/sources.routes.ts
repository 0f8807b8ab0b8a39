import {
  ConnectorTest,
  ConnectorTestResult,
  ExternalUser,
  ExternalUserList,
  ExternalUserParams,
  LinkExternalUserBody,
  MysqlConfigAnswer,
  MysqlPreview,
  MysqlSourceConfig,
  MysqlTestBody,
  SourceList,
  SourceParams,
  SyncRunList,
  SyncRunListQuery,
  SyncRunResult,
} from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { SourceErrors } from './sources.errors.js';
import { sourcesPolicy } from './sources.policy.js';
import type { SourcesService } from './sources.service.js';

const tags = ['sources'];

/** A failed run answers 502 with the run (what it did before failing) next to the error. */
const answered = (r: SyncRunResult): SyncRunResult => {
  if (r.status === 'failed') throw SourceErrors.SYNC_FAILED(`The sync failed: ${r.error ?? 'unknown error'}`, { run: r });
  return r;
};

export const sourcesRoutes: FastifyPluginAsyncZod<{ sources: SourcesService }> = async (app, { sources }) => {
  app.get(
    '/api/v1/sources',
    {
      config: { auth: sourcesPolicy.roles.manage },
      schema: { tags, summary: 'Every data source: configured or not, last run, cursor; and the CRM write-back outbox', response: { 200: SourceList } },
    },
    async () => sources.list(),
  );

  app.get(
    '/api/v1/sources/:source/runs',
    {
      config: { auth: sourcesPolicy.roles.manage },
      schema: { tags, summary: 'Sync runs of a source, newest first', params: SourceParams, querystring: SyncRunListQuery, response: { 200: SyncRunList } },
    },
    async (req) => ({ items: await sources.runs(req.params.source, req.query.limit) }),
  );

  app.post(
    '/api/v1/sources/laravel/sync',
    {
      config: { auth: sourcesPolicy.roles.manage },
      schema: {
        tags,
        summary: 'Pull the leads changed in the Laravel CRM now; answers when the run ends',
        description:
          '409 SYNC_RUNNING when a run is already going; 409 SOURCE_NOT_CONFIGURED without LARAVEL_CRM_URL; 502 SYNC_FAILED with `run` when the CRM fails.',
        response: { 200: SyncRunResult },
      },
    },
    async (req) => answered(await sources.syncLaravel(actorOf(req))),
  );

  app.get(
    '/api/v1/sources/laravel/users',
    {
      config: { auth: sourcesPolicy.roles.manage },
      schema: { tags, summary: 'CRM users and the TeleHub user each is linked to', response: { 200: ExternalUserList } },
    },
    async () => ({ items: await sources.listLaravelUsers() }),
  );

  app.post(
    '/api/v1/sources/laravel/users/refresh',
    {
      config: { auth: sourcesPolicy.roles.manage },
      schema: { tags, summary: 'Read the CRM users again, linking new ones by email', response: { 200: ExternalUserList } },
    },
    async (req) => ({ items: await sources.refreshLaravelUsers(actorOf(req)) }),
  );

  app.put(
    '/api/v1/sources/laravel/users/:externalId',
    {
      config: { auth: sourcesPolicy.roles.manage },
      schema: {
        tags,
        summary: 'Link a CRM user to a TeleHub user (their CRM leads get that owner), or unlink with null',
        params: ExternalUserParams,
        body: LinkExternalUserBody,
        response: { 200: ExternalUser },
      },
    },
    async (req) => sources.linkLaravelUser(actorOf(req), req.params.externalId, req.body.userId),
  );

  app.get(
    '/api/v1/sources/mysql/config',
    { config: { auth: sourcesPolicy.roles.manage }, schema: { tags, summary: 'The legacy MySQL mapping', response: { 200: MysqlConfigAnswer } } },
    async () => sources.getMysqlConfig(),
  );

  app.put(
    '/api/v1/sources/mysql/config',
    {
      config: { auth: sourcesPolicy.roles.manage },
      schema: {
        tags,
        summary: 'Save the legacy MySQL mapping (a table or a single SELECT, its id and updated-at columns, field -> column)',
        body: MysqlSourceConfig,
        response: { 200: MysqlConfigAnswer },
      },
    },
    async (req) => sources.setMysqlConfig(actorOf(req), req.body),
  );

  app.post(
    '/api/v1/sources/mysql/test',
    {
      config: { auth: sourcesPolicy.roles.manage },
      schema: {
        tags,
        summary: 'Connect read-only and answer the first 5 rows as TeleHub would apply them (nothing is written)',
        body: MysqlTestBody.optional(),
        response: { 200: MysqlPreview },
      },
    },
    async (req) => sources.testMysql(req.body?.config),
  );

  app.post(
    '/api/v1/sources/mysql/sync',
    {
      config: { auth: sourcesPolicy.roles.manage },
      schema: { tags, summary: 'Read the rows changed in the legacy MySQL database now; answers when the run ends', response: { 200: SyncRunResult } },
    },
    async (req) => answered(await sources.syncMysql(actorOf(req))),
  );

  app.post(
    '/api/v1/sources/:source/connection-test',
    {
      config: { auth: sourcesPolicy.roles.manage },
      schema: {
        tags,
        summary: 'Try a connector with these settings laid over the ones in force; stores nothing',
        description:
          'Body `values`: settings by name (LARAVEL_CRM_URL, LEGACY_MYSQL_URL, ...); a secret left blank means the one in force. 400 SETTING_INVALID when the values are not valid; otherwise 200 with `ok` and what was reached or what failed.',
        params: SourceParams,
        body: ConnectorTest,
        response: { 200: ConnectorTestResult },
      },
    },
    (req) => sources.testConnection(actorOf(req), req.params.source, req.body.values),
  );
};
