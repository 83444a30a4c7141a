// /runs (Läufe): list of runs and the form that starts a run in the background. The compliance guard
// applies exactly as in the CLI; the form has no way to allow third-country targets.
import { fail, redirect } from '@sveltejs/kit';
import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getServerConfig, getStore } from '$lib/server/context';
import { listRuns } from '$lib/server/runner/analysis';
import { startBackgroundRun, activeBackgroundRuns, displayStatus, startFailureStatus, wiringFromServerConfig } from '$lib/server/runner/background';
import { secretRedactor } from '$lib/server/runner/wiring';
import { listSuites, suiteIds } from '$lib/server/suites/loader';
import { summariseRuns } from '$lib/server/analysis/compare-service';
import { loadCatalog } from '$lib/server/catalog';

export const load: PageServerLoad = async () => {
  const config = getServerConfig();
  const store = await getStore();
  const runs = await listRuns(store, 500);
  let suites: { id: string; name: string; itemCount: number | null; personalData: boolean | null }[] = [];
  try {
    suites = (await listSuites(config.rootDir)).map((s) => ({ id: s.id, name: s.name, itemCount: s.itemCount, personalData: s.personalData }));
  } catch {
    suites = (await suiteIds(config.rootDir)).map((id) => ({ id, name: id, itemCount: null, personalData: null }));
  }
  let targets: string[] = [];
  try {
    const catalog = await loadCatalog({ rootDir: config.rootDir, overridePath: config.catalogOverridePath });
    targets = catalog.models.map((m) => m.id);
  } catch {
    targets = [];
  }
  const active = new Set(activeBackgroundRuns());
  // Runs without a stored summary (still running, or killed before the end): figures from the results so far.
  const partial = new Map((await summariseRuns(store, runs.filter((r) => !r.summary).map((r) => r.id))).map((s) => [s.runId, s]));
  return {
    runs: runs.map((r) => ({
      id: r.id,
      suite: r.suiteId,
      target: r.targetId,
      status: displayStatus(r.status, r.id),
      live: active.has(r.id),
      statusReason: r.statusReason,
      startedAt: r.startedAt,
      synthetic: r.synthetic,
      primaryMetric: r.summary?.primaryMetric ?? null,
      score: r.summary?.scoreInterval ?? (partial.get(r.id) ? { mean: partial.get(r.id)!.meanScore, lower: partial.get(r.id)!.scoreCiLow, upper: partial.get(r.id)!.scoreCiHigh, n: partial.get(r.id)!.ok } : null),
      costEur: r.summary?.costEur ?? partial.get(r.id)?.costEur ?? null,
      ttftP50Ms: r.summary?.metrics?.ttftMs?.p50 ?? partial.get(r.id)?.ttftMsP50 ?? null,
      items: r.summary?.items ?? null
    })),
    suites,
    targets
  };
};

const startSchema = z.object({
  suite: z.string().trim().regex(/^[a-z0-9][a-z0-9-]*$/, 'Bitte eine Suite wählen'),
  target: z
    .string()
    .trim()
    .min(1, 'Bitte ein Ziel angeben')
    .max(300, 'Ziel ist zu lang')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/, 'Ziel: z. B. ollama/llama3.2 oder local/models/tiny.gguf')
    // model files for the embedded engine only from inside the project folder (the form must not probe
    // the server's file system); the CLI and werkbank.config.yaml may name any path
    .refine((t) => !t.startsWith('local/') || (!t.slice('local/'.length).startsWith('/') && !t.split('/').includes('..')), 'Ziel: local/-Modelle relativ zum Projektordner angeben, ohne „..“ (z. B. local/models/tiny.gguf)'),
  limit: z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? undefined : Number(v)),
    z.number({ error: 'Limit muss eine Zahl sein' }).int('Limit muss eine ganze Zahl sein').min(1, 'Limit mindestens 1').max(100_000, 'Limit höchstens 100.000').optional()
  )
});

export const actions: Actions = {
  start: async ({ request }) => {
    const form = await request.formData();
    // text fields only: a file sent under a field name counts as empty (not "[object File]")
    const text = (name: string) => {
      const v = form.get(name);
      return typeof v === 'string' ? v : undefined;
    };
    const raw = { suite: text('suite') ?? '', target: text('target') ?? '', limit: text('limit') };
    const parsed = startSchema.safeParse(raw);
    const errors: Record<string, string> = {};
    if (!parsed.success) {
      for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'form')] ??= i.message;
      return fail(400, { values: raw, errors });
    }
    const config = getServerConfig();
    let runId: string;
    try {
      // allowThirdCountry is never taken from the request: no bypass of the guard through the UI
      const started = await startBackgroundRun(
        { suiteId: parsed.data.suite, targetId: parsed.data.target, limit: parsed.data.limit, concurrency: 4, allowThirdCountry: false },
        { store: await getStore(), wiring: wiringFromServerConfig(config) }
      );
      runId = started.runId;
    } catch (err) {
      const e = err as Error & { code?: string };
      const status = startFailureStatus(e);
      errors.form = secretRedactor(config.env)(e.message);
      return fail(status, { values: raw, errors, guard: e.name === 'ComplianceGuardError' });
    }
    redirect(303, `/runs/${encodeURIComponent(runId)}`);
  }
};
