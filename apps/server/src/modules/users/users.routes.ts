import { CreateTeamBody, CreateUserBody, Team, TeamList, UpdateTeamBody, UpdateUserBody, User, UserList } from '@telehub/shared';
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
      schema: { tags: ['users'], summary: 'Users: all for admins, their teams for managers', response: { 200: UserList } },
    },
    async (req) => {
      const items = await users.list(actorOf(req));
      return { items, total: items.length };
    },
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
