// Report (Bericht): choose profile, scenario and runs; shows the printable German customer report.
import type { PageServerLoad } from './$types';
import { getServerConfig, getStore } from '$lib/server/context';
import { loadCatalog } from '$lib/server/catalog';
import { listScenarioPresets } from '$lib/server/sim/scenario-file';
import { listExploreRuns } from '$lib/server/explore/arrow-export';
import { reportFor, reportQueryFrom } from '$lib/server/report/report-request';
import { reportBody } from '$lib/core/report/report';

export const load: PageServerLoad = async ({ url }) => {
  const config = getServerConfig();
  const store = await getStore();
  const [catalog, { presets }, runs] = await Promise.all([
    loadCatalog({ rootDir: config.rootDir, overridePath: config.catalogOverridePath }),
    listScenarioPresets(config.rootDir),
    listExploreRuns(store)
  ]);
  const base = {
    profiles: catalog.profiles.map((p) => ({ id: p.id, name: p.name })),
    presets: presets.map((p) => ({ id: p.id, name: p.name, description: p.description ?? '' })),
    runs: runs.map((r) => ({ id: r.id, suite: r.suite_id, target: r.target_id, synthetic: r.synthetic })),
    query: Object.fromEntries(url.searchParams),
    selectedRuns: url.searchParams.getAll('runs')
  };
  if (!url.searchParams.has('profile')) return { ...base, report: null, error: null };
  const q = reportQueryFrom((k) => url.searchParams.get(k), (k) => url.searchParams.getAll(k));
  if (!q.success) return { ...base, report: null, error: { field: String(q.error.issues[0]?.path[0] ?? ''), message: q.error.issues[0]?.message ?? 'ungültig' } };
  const outcome = await reportFor(q.data, { rootDir: config.rootDir, catalogOverridePath: config.catalogOverridePath, store, now: new Date(), presets });
  if (!outcome.ok) return { ...base, report: null, error: { field: outcome.field, message: outcome.message } };
  const { css, body } = reportBody(outcome.html);
  return { ...base, report: { css, body, breakEvenUsers: outcome.breakEvenUsers, primaryRoute: outcome.primaryRoute }, error: null };
};
