import {
  BulkUsersBody,
  BulkUsersResult,
  CreateTeamBody,
  CreateUserBody,
  DeactivateUserBody,
  DeactivateUserResult,
  Team,
  TeamList,
  UpdateTeamBody,
  UpdateUserBody,
  User,
  UserHoldings,
  UserList,
  UserListQuery,
} from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { usersPolicy } from './users.policy.js';
import type { UsersService } from './users.service.js';

const IdParams = z.object({ id: z.uuid() });

export const usersRoutes: FastifyPluginAsyncZod<{ users: UsersService }> = async (app, { users }) => {
  app.get(
    '/api/v1/users',
    {
      config: { auth: usersPolicy.roles.view },
      schema: {
        tags: ['users'],
        summary: 'Users: all for admins, their teams for managers; searched, filtered, and paged when page or pageSize is given',
        querystring: UserListQuery,
        response: { 200: UserList },
      },
    },
    async (req) => users.search(actorOf(req), req.query),
  );

  app.post(
    '/api/v1/users/bulk',
    {
      config: { auth: usersPolicy.roles.manage },
      schema: {
        tags: ['users'],
        summary: 'Invite people from a CSV: every row checked, then all created (each with a temporary password, shown once) or none',
        body: BulkUsersBody,
        response: { 200: BulkUsersResult, 201: BulkUsersResult },
      },
    },
    async (req, reply) => {
      const result = await users.bulkInvite(actorOf(req), req.body);
      return reply.status(result.dryRun ? 200 : 201).send(result);
    },
  );

  app.get(
    '/api/v1/users/:id/holdings',
    {
      config: { auth: usersPolicy.roles.deactivate },
      schema: { tags: ['users'], summary: 'What a user holds that someone takes over when they leave', params: IdParams, response: { 200: UserHoldings } },
    },
    async (req) => ({ holdings: await users.holdings(actorOf(req), req.params.id) }),
  );

  app.post(
    '/api/v1/users/:id/deactivate',
    {
      config: { auth: usersPolicy.roles.deactivate },
      schema: {
        tags: ['users'],
        summary: 'Deactivate a user, handing their open leads and callbacks to a colleague or the unassigned pool in the same transaction',
        params: IdParams,
        body: DeactivateUserBody,
        response: { 200: DeactivateUserResult },
      },
    },
    async (req) => users.deactivate(actorOf(req), req.params.id, req.body.handOverTo),
  );

  app.post(
    '/api/v1/users/:id/reactivate',
    {
      config: { auth: usersPolicy.roles.deactivate },
      schema: { tags: ['users'], summary: 'Let a deactivated user sign in again', params: IdParams, response: { 200: User } },
    },
    async (req) => users.reactivate(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/users',
    { config: { auth: usersPolicy.roles.manage }, schema: { tags: ['users'], summary: 'Create a user', body: CreateUserBody, response: { 201: User } } },
    async (req, reply) => reply.status(201).send(await users.create(actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/users/:id',
    { config: { auth: usersPolicy.roles.view }, schema: { tags: ['users'], summary: 'One user', params: IdParams, response: { 200: User } } },
    async (req) => users.get(actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { auth: usersPolicy.roles.manage },
      schema: { tags: ['users'], summary: 'Change a user (role, team, password, active...)', params: IdParams, body: UpdateUserBody, response: { 200: User } },
    },
    async (req) => users.update(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/teams',
    {
      config: { auth: usersPolicy.roles.view },
      schema: { tags: ['teams'], summary: 'Teams: all for admins, their own for managers', response: { 200: TeamList } },
    },
    async (req) => ({ items: await users.listTeams(actorOf(req)) }),
  );

  app.post(
    '/api/v1/teams',
    { config: { auth: usersPolicy.roles.manage }, schema: { tags: ['teams'], summary: 'Create a team', body: CreateTeamBody, response: { 201: Team } } },
    async (req, reply) => reply.status(201).send(await users.createTeam(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/teams/:id',
    {
      config: { auth: usersPolicy.roles.manage },
      schema: { tags: ['teams'], summary: 'Rename a team or change its manager', params: IdParams, body: UpdateTeamBody, response: { 200: Team } },
    },
    async (req) => users.updateTeam(actorOf(req), req.params.id, req.body),
  );
};
