// Background runs (the web app's runs, src/lib/server/runner/background.ts) against the Ollama protocol
// server and a real DuckDB file: stop, resume, a resume requested twice at once (double click, two
// tabs) runs once, a stop while a resume is still starting, and no new runs once the server stops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/lib/server/store/db';
import { BackgroundRunBusyError, cancelBackgroundRun, displayStatus, getBackgroundRun, isBackgroundRunActive, startBackgroundRun, stopAllBackgroundRuns } from '../../src/lib/server/runner/background';
import { startOllamaServer } from '../servers/ollama';
import type { ProtocolServer } from '../servers/common';
import { projectRoot } from '../helpers/app';

let server: ProtocolServer;
let store: Store;
const dataDir = mkdtempSync(join(tmpdir(), 'wb-background-'));
const deps = () => ({ store, wiring: { rootDir: projectRoot, dataDir, env: { OLLAMA_HOST: server.url } } });

beforeAll(async () => {
  server = await startOllamaServer({ script: { text: 'Die Antwort lautet 18.', ttftMs: 150, interChunkMs: 1 } });
  store = await Store.open(join(dataDir, 'w.duckdb'));
});
afterAll(async () => {
  await store?.close();
  await server?.close();
});

async function finished(runId: string) {
  for (let i = 0; i < 400 && !getBackgroundRun(runId)?.done; i++) await new Promise((r) => setTimeout(r, 25));
  expect(getBackgroundRun(runId)?.done).toBe(true);
  return (await store.query<{ status: string; status_reason: string | null }>(`SELECT status, status_reason FROM runs WHERE id = $id`, { id: runId }))[0];
}
const okCount = async (runId: string) => Number((await store.query<{ n: bigint }>(`SELECT count(*) AS n FROM results WHERE run_id = $id AND status = 'ok'`, { id: runId }))[0].n);

describe('background runs', () => {
  let runId: string;

  it('a stopped run ends cancelled with the reason, and what arrived stays stored', async () => {
    ({ runId } = await startBackgroundRun({ suiteId: 'mgsm-de', targetId: 'ollama/test-model', limit: 24, concurrency: 2 }, deps()));
    expect(displayStatus('running', runId)).toBe('running');
    await new Promise((r) => setTimeout(r, 400));
    expect(cancelBackgroundRun(runId)).toBe(true);
    expect(await finished(runId)).toEqual({ status: 'cancelled', status_reason: 'Lauf abgebrochen (in der Web-Oberfläche gestoppt)' });
    expect(await okCount(runId)).toBeLessThan(24);
    // stored as cancelled, not running: shown as it is
    expect(displayStatus('cancelled', runId)).toBe('cancelled');
    expect(cancelBackgroundRun(runId)).toBe(false);
  });

  it('a resume requested twice at once runs once; the second request is refused', async () => {
    const open = 24 - (await okCount(runId));
    const before = server.requests.length;
    const [a, b] = await Promise.allSettled([startBackgroundRun({ resumeId: runId, allowThirdCountry: false }, deps()), startBackgroundRun({ resumeId: runId, allowThirdCountry: false }, deps())]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect((b as PromiseRejectedResult).reason).toBeInstanceOf(BackgroundRunBusyError);
    expect((b as PromiseRejectedResult).reason.message).toBe(`Lauf ${runId} läuft schon oder wird gerade fortgesetzt.`);
    expect((await finished(runId)).status).toBe('completed');
    expect(await okCount(runId)).toBe(24);
    // each open item was sent once, by one engine
    expect(server.requests.length - before).toBe(open);
  });

  it('a stop while a resume is still starting stops it before any request', async () => {
    const { runId: id } = await startBackgroundRun({ suiteId: 'mgsm-de', targetId: 'ollama/test-model', limit: 6, concurrency: 1 }, deps());
    expect(cancelBackgroundRun(id)).toBe(true);
    expect((await finished(id)).status).toBe('cancelled');
    const before = server.requests.length;
    const resuming = startBackgroundRun({ resumeId: id, allowThirdCountry: false }, deps());
    // claimed at once, before the suite and target are loaded
    expect(isBackgroundRunActive(id)).toBe(true);
    expect(displayStatus('running', id)).toBe('running');
    expect(cancelBackgroundRun(id)).toBe(true);
    await resuming;
    expect(await finished(id)).toEqual({ status: 'cancelled', status_reason: 'Lauf abgebrochen (in der Web-Oberfläche gestoppt)' });
    expect(server.requests.length - before).toBe(0);
  });

  it('a stored running run that this process does not run is shown as interrupted', () => {
    expect(displayStatus('running', 'run-gibt-es-hier-nicht')).toBe('interrupted');
    expect(displayStatus('completed', 'run-gibt-es-hier-nicht')).toBe('completed');
  });

  it('once the server stops, its runs (also those still starting) stop and no new run starts', async () => {
    const { runId: running } = await startBackgroundRun({ suiteId: 'mgsm-de', targetId: 'ollama/test-model', limit: 40, concurrency: 2 }, deps());
    const startingRun = startBackgroundRun({ suiteId: 'mgsm-de', targetId: 'ollama/test-model', limit: 40, concurrency: 2 }, deps());
    expect(stopAllBackgroundRuns('Server wird beendet')).toBe(2);
    expect(await finished(running)).toEqual({ status: 'cancelled', status_reason: 'Lauf abgebrochen (Server wird beendet)' });
    const { runId: late } = await startingRun;
    expect(await finished(late)).toEqual({ status: 'cancelled', status_reason: 'Lauf abgebrochen (Server wird beendet)' });
    await expect(startBackgroundRun({ suiteId: 'mgsm-de', targetId: 'ollama/test-model', limit: 1 }, deps())).rejects.toThrow('Der Server wird beendet; es startet kein Lauf mehr.');
    await expect(startBackgroundRun({ resumeId: running }, deps())).rejects.toBeInstanceOf(BackgroundRunBusyError);
  });
});
