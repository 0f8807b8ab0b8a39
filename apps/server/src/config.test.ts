import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configTable } from '../../../scripts/config-table.js';
import { CONFIG_SPEC, ConfigError, loadConfig } from './config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults: embedded store, simulator, demo on', () => {
    const c = loadConfig({});
    expect(c.server.PORT).toBe(3000);
    expect(c.server.PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(c.storage.DATABASE_URL).toBeUndefined();
    expect(c.telephony.TELEPHONY_PROVIDER).toBe('simulator');
    expect(c.telephony.SIMULATOR_ANSWER_RATE).toBe(0.35);
    expect(c.telephony.SIMULATOR_MACHINE_RATE).toBe(0.08);
    expect(c.demo.enabled).toBe(true);
    expect(c.auth.TELEHUB_ACCESS_TOKEN_TTL).toBe(900);
  });

  it('turns demo data off by default on PostgreSQL, and honours TELEHUB_DEMO', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x' }).demo.enabled).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x', TELEHUB_DEMO: '1' }).demo.enabled).toBe(true);
    expect(loadConfig({ TELEHUB_DEMO: 'false' }).demo.enabled).toBe(false);
  });

  it('takes an API-only node with Redis, and alert limits as durations', () => {
    const c = loadConfig({ TELEHUB_JOB_WORKERS: '0', REDIS_URL: 'redis://cache:6379', TELEHUB_ALERT_IDLE: '10m', TELEHUB_ALERT_LONG_CALL: '1h' });
    expect(c.jobs.TELEHUB_JOB_WORKERS).toBe(false);
    expect(c.storage.TELEHUB_REDIS_PREFIX).toBe('telehub');
    expect([c.alerts.TELEHUB_ALERT_IDLE, c.alerts.TELEHUB_ALERT_LONG_CALL]).toEqual([600, 3600]);
  });

  it('opens the operator endpoints, introspection and source maps outside production only, unless told', () => {
    const open = { metricsToken: undefined, opsPublic: true, graphqlIntrospection: true, sourceMaps: true };
    const closed = { metricsToken: undefined, opsPublic: false, graphqlIntrospection: false, sourceMaps: false };
    expect(loadConfig({}).security).toEqual(open);
    expect(loadConfig({ NODE_ENV: 'production' }).security).toEqual(closed);
    const token = 'a-metrics-token-of-32-characters';
    expect(
      loadConfig({
        NODE_ENV: 'production',
        TELEHUB_METRICS_TOKEN: token,
        TELEHUB_OPS_PUBLIC: '1',
        TELEHUB_GRAPHQL_INTROSPECTION: 'on',
        TELEHUB_SOURCE_MAPS: 'yes',
      }).security,
    ).toEqual({ ...open, metricsToken: token });
    expect(loadConfig({ TELEHUB_OPS_PUBLIC: '0', TELEHUB_GRAPHQL_INTROSPECTION: 'off', TELEHUB_SOURCE_MAPS: 'false' }).security).toEqual(closed);
    expect(problems({ TELEHUB_METRICS_TOKEN: 'short' })).toEqual([
      expect.stringMatching(/^TELEHUB_METRICS_TOKEN: must be at least 24 characters \(got \(hidden\)\)$/),
    ]);
  });

  it('parses durations and trims the base URL', () => {
    const c = loadConfig({ TELEHUB_ACCESS_TOKEN_TTL: '5m', TELEHUB_REFRESH_TOKEN_TTL: '12h', PUBLIC_BASE_URL: 'https://calls.example.org/' });
    expect(c.auth.TELEHUB_ACCESS_TOKEN_TTL).toBe(300);
    expect(c.auth.TELEHUB_REFRESH_TOKEN_TTL).toBe(43_200);
    expect(c.server.PUBLIC_BASE_URL).toBe('https://calls.example.org');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ SIMULATOR_ANSWER_RATE: '1.5' }, 'SIMULATOR_ANSWER_RATE'],
    [{ SIMULATOR_MACHINE_RATE: '-0.1' }, 'SIMULATOR_MACHINE_RATE'],
    [{ TELEPHONY_PROVIDER: 'plivo' }, 'TELEPHONY_PROVIDER'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ TELEHUB_DEMO: 'maybe' }, 'TELEHUB_DEMO'],
    [{ TELEHUB_ACCESS_TOKEN_TTL: '15 minutes' }, 'TELEHUB_ACCESS_TOKEN_TTL'],
    [{ TELEHUB_ADMIN_EMAIL: 'root@example.org' }, 'TELEHUB_ADMIN_PASSWORD'],
    [{ LARAVEL_CRM_URL: 'https://crm.example.org' }, 'LARAVEL_CRM_TOKEN'],
    [{ TELEHUB_JOB_WORKERS: '0' }, 'TELEHUB_JOB_WORKERS'],
    [{ TELEHUB_FILE_STORE: 's3', S3_ACCESS_KEY_ID: 'AKIA', S3_SECRET_ACCESS_KEY: 'secret' }, 'S3_BUCKET'],
    [{ REDIS_URL: 'redis://cache:6379', TELEHUB_REDIS_PREFIX: 'tele hub' }, 'TELEHUB_REDIS_PREFIX'],
    [{ TELEHUB_ALERT_CONNECT_DROP: '2' }, 'TELEHUB_ALERT_CONNECT_DROP'],
    [{ TELEHUB_ALERT_IDLE: 'soon' }, 'TELEHUB_ALERT_IDLE'],
    [{ STT_PROVIDER: 'whisper' }, 'STT_PROVIDER'],
    [{ STT_PROVIDER: 'deepgram' }, 'DEEPGRAM_API_KEY'],
    [{ STT_PROVIDER: 'openai' }, 'STT_OPENAI_API_KEY'],
    [{ STT_VAD_MIN_UTTERANCE_MS: '3000', STT_VAD_MAX_UTTERANCE_MS: '2000' }, 'STT_VAD_MIN_UTTERANCE_MS'],
    [
      {
        STT_PROVIDER: 'deepgram',
        DEEPGRAM_API_KEY: 'dg',
        TELEPHONY_PROVIDER: 'exotel',
        EXOTEL_ACCOUNT_SID: 'a',
        EXOTEL_API_KEY: 'k',
        EXOTEL_API_TOKEN: 't',
        EXOTEL_CALLER_ID: 'c',
        EXOTEL_WEBHOOK_TOKEN: 'w',
      },
      'PUBLIC_BASE_URL',
    ],
  ])('names the variable when %o is wrong', (env, name) => {
    const found = problems(env as Record<string, string>);
    expect(found).toHaveLength(1);
    expect(found[0]?.startsWith(`${name}:`)).toBe(true);
  });

  it('takes a self-hosted OpenAI-compatible speech endpoint without a key, and speech off by default', () => {
    expect(loadConfig({}).speech).toMatchObject({ STT_PROVIDER: 'simulator', STT_LANGUAGE: 'multi', DEEPGRAM_API_BASE_URL: 'wss://api.deepgram.com' });
    const c = loadConfig({ STT_PROVIDER: 'openai', STT_OPENAI_BASE_URL: 'http://whisper.internal:8000/v1' });
    expect(c.speech).toMatchObject({ STT_PROVIDER: 'openai', STT_OPENAI_MODEL: 'whisper-1', STT_OPENAI_API_KEY: undefined });
  });

  it('reports every wrong variable at once and hides secret values', () => {
    const found = problems({ PORT: 'x', TELEHUB_JWT_SECRET: 'short-secret', LOG_LEVEL: 'loud' });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'TELEHUB_JWT_SECRET']);
    expect(found.join('\n')).not.toContain('short-secret');
    expect(found.join('\n')).toContain('(hidden)');
  });

  it('leaves the language model off by default, and refuses half of one or budgets no request fits in', () => {
    const off = loadConfig({}).llm;
    expect([off.LLM_BASE_URL, off.LLM_MODEL, off.LLM_TIMEOUT_MS, off.LLM_MAX_TOKENS]).toEqual([undefined, undefined, 1500, 160]);
    const on = loadConfig({ LLM_BASE_URL: 'https://gateway.example/v1/', LLM_MODEL: 'gpt-4o-mini', LLM_API_KEY: 'sk-x' }).llm;
    expect([on.LLM_PROVIDER, on.LLM_BASE_URL]).toEqual(['openai-compatible', 'https://gateway.example/v1']);

    expect(problems({ LLM_BASE_URL: 'https://gateway.example/v1' })).toEqual(['LLM_MODEL: required when LLM_BASE_URL is set']);
    expect(problems({ LLM_MODEL: 'gpt-4o-mini' })).toEqual(['LLM_BASE_URL: required when LLM_MODEL is set']);
    expect(problems({ LLM_API_KEY: 'sk-x' })).toEqual(['LLM_BASE_URL: required when LLM_API_KEY is set (where would the key go?)']);
    expect(problems({ LLM_BASE_URL: 'https://api.openai.com/v1/chat/completions', LLM_MODEL: 'm' })[0]).toMatch(/^LLM_BASE_URL: must be the base URL/);
    expect(problems({ LLM_MAX_TOKENS: '500', LLM_CALL_TOKEN_BUDGET: '500' })[0]).toMatch(/^LLM_CALL_TOKEN_BUDGET: must be above LLM_MAX_TOKENS/);
    expect(problems({ LLM_CALL_TOKEN_BUDGET: '5000', LLM_DAY_TOKEN_BUDGET: '4000' })).toEqual(['LLM_DAY_TOKEN_BUDGET: must be at least LLM_CALL_TOKEN_BUDGET']);
    expect(problems({ LLM_TIMEOUT_MS: '50', LLM_COST_PER_1K_TOKENS: '-1' }).map((p) => p.split(':')[0])).toEqual(['LLM_TIMEOUT_MS', 'LLM_COST_PER_1K_TOKENS']);
    expect(problems({ LLM_API_KEY: 'sk-very-secret' }).join('\n')).not.toContain('sk-very-secret');
    // Embeddings for call search: both halves, and the base URL rather than the endpoint.
    expect(problems({ EMBEDDINGS_BASE_URL: 'https://api.openai.com/v1' })).toEqual(['EMBEDDINGS_MODEL: required when EMBEDDINGS_BASE_URL is set']);
    expect(problems({ EMBEDDINGS_MODEL: 'text-embedding-3-small' })).toEqual(['EMBEDDINGS_BASE_URL: required when EMBEDDINGS_MODEL is set']);
    expect(problems({ EMBEDDINGS_BASE_URL: 'https://api.openai.com/v1/embeddings', EMBEDDINGS_MODEL: 'm' })[0]).toMatch(
      /^EMBEDDINGS_BASE_URL: must be the base URL/,
    );
  });

  it('describes every variable', () => {
    for (const section of Object.values(CONFIG_SPEC)) {
      for (const [name, spec] of Object.entries(section)) expect(spec.description.length, name).toBeGreaterThan(10);
    }
  });

  it('is documented in README exactly as the spec says', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme, 'run: node --conditions=source --import tsx scripts/config-table.ts --write').toContain(configTable());
  });
});
