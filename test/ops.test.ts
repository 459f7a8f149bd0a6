import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../src/commands/run.ts';
import { commandTable } from '../src/commands/table.ts';
import { createMetrics, startOpsServer } from '../src/ops.ts';
import { sampleLibrary } from './helpers.ts';

const metrics = createMetrics();
let healthy: true | string = true;
const ops = await startOpsServer(0, metrics, { store: async () => true, discord: async () => healthy });
afterAll(() => ops.close());
const get = (path: string) => fetch(`http://127.0.0.1:${ops.port}${path}`);

describe('health and metrics', () => {
  it('counts commands served, with their time, by command, platform and outcome', async () => {
    const table = commandTable();
    const ctx = {
      library: await sampleLibrary(),
      now: 0,
      observe: ({ command, platform, seconds, outcome }: { command: string; platform: string; seconds: number; outcome: 'ok' | 'refused' | 'failed' }) => {
        metrics.commands.inc({ command, platform, outcome });
        metrics.commandSeconds.observe({ command, platform }, seconds);
      },
    };
    const brief = table.find((c) => c.name === 'brief');
    if (!brief) throw new Error('no /brief');
    await runCommand(brief, { topic: 'ukraine' }, ctx);
    await runCommand(brief, { topic: '' }, ctx);
    const text = await (await get('/metrics')).text();
    expect(text).toContain('briefbot_commands_total{command="brief",platform="cli",outcome="ok"} 1');
    expect(text).toContain('briefbot_commands_total{command="brief",platform="cli",outcome="refused"} 1');
    expect(text).toMatch(/briefbot_command_seconds_count\{command="brief",platform="cli"\} 2/);
  });

  it('reports healthy, and names what is not', async () => {
    const ok = await get('/healthz');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', checks: { store: 'ok', discord: 'ok' } });
    healthy = 'not connected to the gateway';
    const bad = await get('/healthz');
    expect(bad.status).toBe(503);
    expect(await bad.json()).toEqual({ status: 'unhealthy', checks: { store: 'ok', discord: 'not connected to the gateway' } });
    expect((await get('/anything')).status).toBe(404);
  });
});
