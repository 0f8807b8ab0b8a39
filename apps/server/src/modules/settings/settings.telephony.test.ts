/**
 * The telephony account's credentials changed in the product: after an auth-token rotation at
 * Twilio, TeleHub's calls and Twilio's signed callbacks fail until an admin saves the new token in
 * Settings, then work at once, without a restart. Against the Twilio stand-in, through the whole app.
 */
import type { SettingsAnswer } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { TwilioStandin } from '../../providers/telephony/twilio/testing/twilio-standin.js';
import { noonInIndia } from '../../test/clock.js';
import { createTestApp, PASSWORD, type Person, type TestApp } from '../../test/harness.js';

let t: TestApp;
let twilio: TwilioStandin;

beforeAll(async () => {
  twilio = await new TwilioStandin().start();
  t = await createTestApp({
    clock: noonInIndia(),
    env: {
      TELEPHONY_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_CALLER_ID: twilio.callerId,
      TWILIO_API_BASE_URL: twilio.url,
      PUBLIC_BASE_URL: twilio.publicBaseUrl,
    },
  });
});
afterAll(async () => {
  await t?.close();
  await twilio?.stop();
});

let seq = 0;
/** A call by a telecaller of their own (a Twilio call stays open until Twilio says it ended). */
const dial = async (phone: string) => {
  seq++;
  const email = `rotation-caller${seq}@test.example`;
  const user = await t.app.services.users.create(SYSTEM_ACTOR, {
    email,
    name: `Caller ${seq}`,
    role: 'telecaller',
    password: PASSWORD,
    teamId: t.cast.teamId,
    phone: `+9198123000${10 + seq}`,
  });
  const token = await t.login(email);
  const as: Person = { id: user.id, email, role: 'telecaller', token, teamId: t.cast.teamId };
  await t.request({ method: 'PUT', url: '/api/v1/presence/me', as, payload: { state: 'available' } });
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: `Lead ${phone}`, phone, ownerId: user.id });
  return t.request({ method: 'POST', url: '/api/v1/calls', as, payload: { leadId: lead.id } });
};

describe('Twilio credentials in Settings', () => {
  it('shows the account to an admin, the token only as set', async () => {
    const items = (await t.request({ method: 'GET', url: '/api/v1/settings?group=telephony', as: t.cast.admin })).json<SettingsAnswer>().items;
    expect(items.map((i) => i.name)).toEqual(expect.arrayContaining(['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_CALLER_ID']));
    expect(items.find((i) => i.name === 'TWILIO_AUTH_TOKEN')).toMatchObject({ secret: true, value: null, isSet: true, origin: 'environment' });
    expect(items.find((i) => i.name === 'TWILIO_ACCOUNT_SID')).toMatchObject({ value: twilio.accountSid });
    expect((await t.request({ method: 'GET', url: '/api/v1/settings?group=telephony', as: t.cast.manager })).json<SettingsAnswer>().items).toEqual([]);
  });

  it('clears stored values back to the environment’s, which has the whole account', async () => {
    const res = await t.request({
      method: 'PATCH',
      url: '/api/v1/settings',
      as: t.cast.admin,
      payload: { values: { TWILIO_CALLER_ID: null, TWILIO_AUTH_TOKEN: null } },
    });
    // Clearing stored values falls back to the environment's, which has them: nothing to refuse.
    expect(res.statusCode).toBe(200);
  });

  it('after a rotation at Twilio, calls and callbacks work again once the new token is saved, without a restart', async () => {
    const first = await dial('9988700001');
    expect(first.statusCode, first.body).toBe(201);

    const old = twilio.authToken;
    twilio.authToken = 'f'.repeat(32);
    // TeleHub still signs its requests with the old token: Twilio answers 401.
    const refused = await dial('9988700002');
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.json().code).not.toBe('DIAL_BLOCKED');
    // And Twilio's callbacks, signed with the new token, do not pass TeleHub's check.
    const before = await twilio.incoming(t.app, { from: '+919988700009' });
    expect(before.answer.statusCode).toBe(403);

    const saved = await t.request({ method: 'PATCH', url: '/api/v1/settings', as: t.cast.admin, payload: { values: { TWILIO_AUTH_TOKEN: twilio.authToken } } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.body).not.toContain(twilio.authToken);

    const again = await dial('9988700003');
    expect(again.statusCode, again.body).toBe(201);
    const after = await twilio.incoming(t.app, { from: '+919988700010' });
    expect(after.answer.statusCode).toBe(200);
    expect(old).not.toBe(twilio.authToken);
  });
});
