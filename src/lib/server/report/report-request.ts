// Report requests from the app (page and download endpoint): validates the query, resolves the
// scenario (preset id or YAML text) and builds the report with the shared builder.
import * as z from 'zod';
import { loadCatalog } from '../catalog';
import { listScenarioPresets, parseScenarioText, ScenarioFileError, type ScenarioPreset } from '../sim/scenario-file';
import { buildReport, ReportInputError } from './build-report';
import type { Store } from '../store/db';
import { UnknownProfileError } from '../../core/compliance/recommend';

export const reportQuerySchema = z.object({
  profile: z.string().min(1, 'Profil fehlt').max(100),
  personalData: z.boolean(),
  preset: z.string().max(100).optional(),
  scenarioText: z.string().max(200_000, 'Szenario zu groß').optional(),
  runs: z.array(z.string().min(1).max(200)).max(50),
  customer: z.string().max(200).optional()
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** Read a report query from URL search params or form data. */
export function reportQueryFrom(get: (k: string) => string | null, getAll: (k: string) => string[]): z.ZodSafeParseResult<ReportQuery> {
  return reportQuerySchema.safeParse({
    profile: get('profile') ?? '',
    personalData: ['1', 'on', 'true', 'ja'].includes(get('personalData') ?? ''),
    preset: get('preset') || undefined,
    scenarioText: get('scenarioText') || undefined,
    runs: getAll('runs').flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean),
    customer: get('customer')?.trim() || undefined
  });
}

export type ReportOutcome = { ok: true; html: string; breakEvenUsers: number | null; primaryRoute: string | null } | { ok: false; field: string; message: string };

export async function reportFor(
  q: ReportQuery,
  ctx: { rootDir: string; catalogOverridePath?: string; store: Store; now: Date; presets?: ScenarioPreset[] }
): Promise<ReportOutcome> {
  const catalog = await loadCatalog({ rootDir: ctx.rootDir, overridePath: ctx.catalogOverridePath });
  let scenario;
  let scenarioName: string | undefined;
  try {
    if (q.scenarioText) scenario = parseScenarioText(q.scenarioText, 'Szenario');
    else {
      const presets = ctx.presets ?? (await listScenarioPresets(ctx.rootDir)).presets;
      const p = presets.find((x) => x.id === q.preset) ?? (q.preset ? undefined : presets[0]);
      if (!p) return { ok: false, field: 'preset', message: q.preset ? `unbekannte Vorlage "${q.preset}"` : 'kein Szenario angegeben' };
      scenario = p.scenario;
      scenarioName = p.name;
    }
  } catch (err) {
    if (err instanceof ScenarioFileError) return { ok: false, field: 'scenarioText', message: err.message };
    throw err;
  }
  try {
    const r = await buildReport({ catalog, store: ctx.store, profileId: q.profile, personalData: q.personalData, scenario, scenarioName, runIds: q.runs, customer: q.customer, now: ctx.now });
    return { ok: true, ...r };
  } catch (err) {
    if (err instanceof UnknownProfileError) return { ok: false, field: 'profile', message: err.message };
    if (err instanceof ReportInputError) return { ok: false, field: 'runs', message: err.message };
    if (err instanceof Error && err.name === 'ScenarioResolveError') return { ok: false, field: 'scenarioText', message: err.message };
    throw err;
  }
}
