import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

const OAUTH = {
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'client-secret-value',
  SLACK_SIGNING_SECRET: 'signing-secret-value',
  SLACK_STATE_SECRET: 'state-secret-value',
};

describe('Slack configuration', () => {
  it('runs installs by OAuth in HTTP mode when the client id, secrets and state secret are set', () => {
    const { config, problems } = loadConfig(OAUTH);
    expect(problems).toEqual([]);
    expect(config.slack).toMatchObject({ mode: 'http', oauth: { clientId: '1111.2222' }, port: 3000 });
    expect(config.slack?.botToken).toBeUndefined();
  });

  it.each([
    [{ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-one' }, 'not both'],
    [{ ...OAUTH, SLACK_APP_TOKEN: 'xapp-one' }, 'unset SLACK_APP_TOKEN'],
    [{ ...OAUTH, SLACK_STATE_SECRET: '' }, 'also need SLACK_STATE_SECRET'],
    [{ SLACK_CLIENT_ID: '1111.2222' }, 'also need SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET and SLACK_STATE_SECRET'],
    [{ SLACK_SIGNING_SECRET: 'x' }, 'or SLACK_CLIENT_ID for installs by OAuth'],
  ])('explains a half-made setup: %o', (env, expected) => {
    const { config, problems } = loadConfig(env);
    expect(config.slack).toBeUndefined();
    expect(problems.join('\n')).toContain(expected);
    for (const secret of Object.values(env)) if (secret.length > 8) expect(problems.join('\n')).not.toContain(secret);
  });
});

describe('instances', () => {
  it('reads the instance id and the digest lease, and refuses a lease too short to renew', () => {
    expect(loadConfig({ INSTANCE_ID: 'web-3', DIGEST_LEASE_SECONDS: '30' }).config).toMatchObject({ instanceId: 'web-3', digest: { leaseMs: 30_000 } });
    expect(loadConfig({}).config.digest.leaseMs).toBe(60_000);
    expect(loadConfig({ DIGEST_LEASE_SECONDS: '1' }).problems).toEqual(['DIGEST_LEASE_SECONDS must be a whole number of at least 2 (got "1").']);
  });
});

describe('Discord shards', () => {
  it('lets an instance run some of the shards', () => {
    const { config, problems } = loadConfig({ DISCORD_TOKEN: 'token-value', DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '0-1,3' });
    expect(problems).toEqual([]);
    expect(config.discord).toMatchObject({ shards: 4, shardIds: [0, 1, 3], requestsPerSecond: 50 });
    expect(loadConfig({ DISCORD_TOKEN: 'token-value', DISCORD_REQUESTS_PER_SECOND: '16' }).config.discord?.requestsPerSecond).toBe(16);
  });

  it.each([
    [{ DISCORD_SHARD_IDS: '0' }, 'needs DISCORD_SHARDS set to the total'],
    [{ DISCORD_SHARDS: '2', DISCORD_SHARD_IDS: '2' }, 'from 0 to 1'],
    [{ DISCORD_SHARDS: '2', DISCORD_SHARD_IDS: 'first' }, 'from 0 to 1'],
  ])('explains shard ids that do not fit: %o', (env, expected) => {
    expect(loadConfig({ DISCORD_TOKEN: 'token-value', ...env }).problems.join('\n')).toContain(expected);
  });
});
