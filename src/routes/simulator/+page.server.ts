// Simulator page data: the catalog sections the model needs, the presets from datasets/scenarios/, and
// the scenario from the URL (`?s=` base64url JSON or `?preset=ID`), validated with the scenario schema.
// All computing happens in the browser (src/lib/core/sim).
import type { PageServerLoad } from './$types';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { getServerConfig } from '$lib/server/context';
import { loadCatalog } from '$lib/server/catalog';
import { scenarioSchema, type ScenarioInput } from '$lib/core/sim';
import { decodeScenario } from '$lib/components/sim/url-state';

export interface Preset {
  id: string;
  name: string;
  description?: string;
  sources: string[];
  scenario: ScenarioInput;
}

async function loadPresets(rootDir: string): Promise<{ presets: Preset[]; errors: string[] }> {
  const dir = join(rootDir, 'datasets', 'scenarios');
  const presets: Preset[] = [];
  const errors: string[] = [];
  let names: string[] = [];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort();
  } catch {
    return { presets, errors: [`${dir}: Ordner fehlt`] };
  }
  for (const n of names) {
    const parsed = scenarioSchema.safeParse(parse(await readFile(join(dir, n), 'utf8')));
    if (!parsed.success) {
      errors.push(`${n}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      continue;
    }
    const id = n.replace(/\.yaml$/, '');
    presets.push({ id, name: parsed.data.name ?? id, description: parsed.data.description, sources: parsed.data.sources ?? [], scenario: parsed.data });
  }
  return { presets, errors };
}

export const load: PageServerLoad = async ({ url }) => {
  const config = getServerConfig();
  const [catalog, { presets, errors }] = await Promise.all([loadCatalog({ rootDir: config.rootDir, overridePath: config.catalogOverridePath }), loadPresets(config.rootDir)]);
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
