// Simulator page data: the catalog sections the model needs, the presets from datasets/scenarios/, and
// the scenario from the URL (`?s=` base64url JSON or `?preset=ID`), validated with the scenario schema.
// All computing happens in the browser (src/lib/core/sim).
import type { PageServerLoad } from './$types';
import { getServerConfig } from '$lib/server/context';
import { loadCatalog } from '$lib/server/catalog';
import { listScenarioPresets } from '$lib/server/sim/scenario-file';
import { scenarioSchema, type ScenarioInput } from '$lib/core/sim';
import { decodeScenario } from '$lib/components/sim/url-state';

export interface Preset {
  id: string;
  name: string;
  description?: string;
  sources: string[];
  scenario: ScenarioInput;
}

export const load: PageServerLoad = async ({ url }) => {
  const config = getServerConfig();
  const [catalog, listed] = await Promise.all([loadCatalog({ rootDir: config.rootDir, overridePath: config.catalogOverridePath }), listScenarioPresets(config.rootDir)]);
  const errors = listed.errors;
  const presets: Preset[] = listed.presets.map((p) => ({ id: p.id, name: p.name, description: p.description, sources: p.sources, scenario: p.scenario }));
  let initial: ScenarioInput | undefined;
  let urlError: string | undefined;
  let presetId = url.searchParams.get('preset') ?? undefined;
  const s = url.searchParams.get('s');
  if (s) {
    try {
      const parsed = scenarioSchema.safeParse(decodeScenario(s));
      if (parsed.success) initial = parsed.data;
      else urlError = `Szenario in der Adresse ungültig: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    } catch {
      urlError = 'Szenario in der Adresse ist nicht lesbar (kein gültiges base64url-JSON).';
    }
  }
  if (!initial) {
    const preset = presets.find((p) => p.id === presetId) ?? presets.find((p) => p.id === 'ollama-rtx4090-paper') ?? presets[0];
    presetId = preset?.id;
    initial = preset?.scenario;
  } else presetId = undefined;
  return {
    catalog: { models: catalog.models, servers: catalog.servers, gpus: catalog.gpus, openModels: catalog.openModels, throughput: catalog.throughput },
    presets,
    presetErrors: errors,
    initial: initial ?? null,
    presetId: presetId ?? null,
    urlError: urlError ?? null
  };
};
