import argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, t=2, p=1) raised to 64 MiB / t=3 for a server-side login.
const STRONG = { type: argon2.argon2id, memoryCost: 65536, timeCost: 3, parallelism: 1 } as const;
// The test suite creates and signs in thousands of users: there, and only when asked, argon2id runs at
// a small cost (about a millisecond instead of a second on a busy machine). Never in production, and a
// stored hash carries its own parameters, so verifying follows whichever made it.
const FAST = { type: argon2.argon2id, memoryCost: 1024, timeCost: 2, parallelism: 1 } as const;

export function passwordHashOptions(env: NodeJS.ProcessEnv = process.env) {
  return env.TELEHUB_TEST_PASSWORD_HASH === 'fast' && env.NODE_ENV !== 'production' ? FAST : STRONG;
}
const OPTIONS = passwordHashOptions();

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the email is unknown so timing reveals nothing. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  return decoy;
}
