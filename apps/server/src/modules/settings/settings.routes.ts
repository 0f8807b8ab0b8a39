import { SettingGroup, SettingsAnswer, SettingsUpdate } from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { settingsPolicy } from './settings.policy.js';
import type { SettingsService } from './settings.service.js';

export const settingsRoutes: FastifyPluginAsyncZod<{ settings: SettingsService }> = async (app, { settings }) => {
  app.get(
    '/api/v1/settings',
    {
      config: { auth: settingsPolicy.roles.view },
      schema: {
        tags: ['settings'],
        summary: 'The settings this user may change, each with its value and where it comes from (default, environment, stored)',
        description: 'Admins: every group; managers: the alert thresholds. Secrets never carry their value.',
        querystring: z.object({ group: SettingGroup.optional() }),
        response: { 200: SettingsAnswer },
      },
    },
    (req) => settings.list(actorOf(req), req.query.group),
  );

  app.patch(
    '/api/v1/settings',
    {
      config: { auth: settingsPolicy.roles.manage },
      schema: {
        tags: ['settings'],
        summary: 'Change settings (null: back to the environment); in force on every node within seconds, audited',
        description: '400 SETTING_INVALID with `details` naming each setting and its problem; 403 SETTING_FORBIDDEN for a group the user may not change.',
        body: SettingsUpdate,
        response: { 200: SettingsAnswer },
      },
    },
    (req) => settings.update(actorOf(req), req.body.values),
  );
};
