// Overview: database status, what is stored, the latest runs.
import type { PageServerLoad } from './$types';
import { getServerConfig, getStore } from '$lib/server/context';
import { displayStatus } from '$lib/server/runner/background';

export const load: PageServerLoad = async () => {
  const config = getServerConfig();
  try {
    const store = await getStore();
    const info = await store.info();
    const latestRuns = await store.query<{ id: string; suite_id: string; target_id: string; status: string; started_at: Date; synthetic: boolean }>(
      `SELECT id, suite_id, target_id, status, started_at, synthetic FROM runs ORDER BY started_at DESC LIMIT 5`
    );
    return {
      db: { ok: true as const, path: info.path, schemaVersion: info.schemaVersion, latestSchemaVersion: info.latestSchemaVersion, tables: info.tables },
      latestRuns: latestRuns.map((r) => ({ ...r, status: displayStatus(r.status, r.id), started_at: new Date(r.started_at).toISOString() })),
      host: config.host,
      port: config.port
    };
  } catch (err) {
    return { db: { ok: false as const, path: config.dbPath, error: (err as Error).message }, latestRuns: [], host: config.host, port: config.port };
  }
};
