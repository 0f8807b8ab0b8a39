import argon2 from 'argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordHashOptions, verifyPassword } from './passwords.js';

describe('password hashing', () => {
  it('is argon2id at 64 MiB and three passes unless the tests ask otherwise, and never cheap in production', () => {
    expect(passwordHashOptions({})).toMatchObject({ type: argon2.argon2id, memoryCost: 65536, timeCost: 3 });
    expect(passwordHashOptions({ NODE_ENV: 'production', TELEHUB_TEST_PASSWORD_HASH: 'fast' })).toMatchObject({ memoryCost: 65536, timeCost: 3 });
    expect(passwordHashOptions({ TELEHUB_TEST_PASSWORD_HASH: 'fast' }).memoryCost).toBeLessThan(65536);
  });

  it('verifies a hash by the parameters it carries, whichever cost made it', async () => {
    const strong = await argon2.hash('correct horse', passwordHashOptions({}));
    expect(strong).toMatch(/^\$argon2id\$v=19\$m=65536,p=1,t=3\$/);
    expect(await verifyPassword(strong, 'correct horse')).toBe(true);
    expect(await verifyPassword(strong, 'wrong horse')).toBe(false);
    const made = await hashPassword('correct horse');
    expect(await verifyPassword(made, 'correct horse')).toBe(true);
    expect(await verifyPassword('not a hash', 'correct horse')).toBe(false);
  });
});
