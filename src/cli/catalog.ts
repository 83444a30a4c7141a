// `werkbank catalog [providers|models|gpus|servers|open-models|throughput|profiles]`: list the merged
// catalog (shipped data + werkbank.catalog.yaml). Every list entry carries `id` (and `tier` for
// providers and routes). A bad override exits 2 naming file, line and field.
import { isAbsolute, resolve } from 'node:path';
import { loadCatalog, CatalogError } from '../lib/server/catalog';
import { listRoutes, throughputKey, type Catalog } from '../lib/core/catalog';
import { formatTable, parseFlags, printJson, UsageError, type CliEnv, type Command } from './support/cli';

const SECTIONS = ['providers', 'models', 'gpus', 'servers', 'open-models', 'throughput', 'profiles'] as const;
type SectionArg = (typeof SECTIONS)[number];

const de = (v: number | undefined, digits = 2) => (v === undefined ? '–' : v.toLocaleString('de-DE', { minimumFractionDigits: 0, maximumFractionDigits: digits }));

/** Load the catalog for a CLI command; CatalogError becomes a UsageError (exit 2). */
export async function loadCatalogForCli(env: CliEnv, catalogFlag?: string): Promise<Catalog> {
  const overridePath = catalogFlag ? (isAbsolute(catalogFlag) ? catalogFlag : resolve(env.cwd, catalogFlag)) : env.catalogOverridePath;
  try {
    return await loadCatalog({ rootDir: env.cwd, overridePath });
  } catch (err) {
    if (err instanceof CatalogError) throw new UsageError(`Katalog ungültig:\n${err.message}`);
    throw err;
  }
}

export function catalogSectionItems(catalog: Catalog, section: SectionArg): Record<string, unknown>[] {
  switch (section) {
    case 'providers':
      return catalog.providers.map((p) => ({ ...p, routes: catalog.models.filter((m) => m.provider === p.id).map((m) => m.id) }));
    case 'models':
      return listRoutes(catalog) as unknown as Record<string, unknown>[];
    case 'gpus':
      return catalog.gpus;
    case 'servers':
      return catalog.servers;
    case 'open-models':
      return catalog.openModels;
    case 'throughput':
      return catalog.throughput.map((t) => ({ id: throughputKey(t), ...t }));
    case 'profiles':
      return catalog.profiles;
  }
}

function table(catalog: Catalog, section: SectionArg): string {
  switch (section) {
    case 'providers':
      return formatTable(
        ['Id', 'Tier', 'Name', 'Recht', 'CLOUD Act', 'Zertifikate', 'Routen'],
        catalog.providers.map((p) => [p.id, p.tier, p.name, p.jurisdiction, p.cloudActExposure, p.certifications.join(', '), catalog.models.filter((m) => m.provider === p.id).length])
      );
    case 'models':
      return formatTable(
        ['Route', 'Tier', 'Region', '€/MTok ein', '€/MTok aus', 'Quelle (Stand)'],
        listRoutes(catalog).map((r) => [r.id, r.tier, r.region, de(r.priceEur.inputPerMTok, 4), de(r.priceEur.outputPerMTok, 4), `${r.price.asOf}${r.price.placeholder ? ' Platzhalter' : ''}`])
      );
    case 'gpus':
      return formatTable(['Id', 'Name', 'VRAM GB', 'Bandbreite GB/s', 'FP16 TFLOPS', 'Stand'], catalog.gpus.map((g) => [g.id, g.name, de(g.vramGb), de(g.bandwidthGbps), de(g.fp16Tflops), g.asOf]));
    case 'servers':
      return formatTable(
        ['Id', 'Anbieter', 'GPU', 'Anz.', '€/Monat', '€/h', 'Einrichtung €', 'Stand'],
        catalog.servers.map((s) => [s.id + (s.paperAssumption ? ' (Annahme)' : ''), s.vendor, s.gpu, s.gpuCount, de(s.monthlyEur), de(s.hourlyEur), de(s.setupEur), s.asOf])
      );
    case 'open-models':
      return formatTable(
        ['Id', 'Parameter (Mrd.)', 'aktiv', 'Schichten', 'KV-Köpfe', 'Lizenz', 'Herkunft'],
        catalog.openModels.map((m) => [m.id, de(m.paramsB, 3), de(m.activeParamsB, 3), m.layers, m.kvHeads, m.licence, m.origin])
      );
    case 'throughput':
      return formatTable(
        ['GPU', 'Modell', 'Engine', 'Streams', 'Tok/s gesamt', 'Tok/s je Stream', 'Stand'],
        catalog.throughput.map((t) => [t.gpuCount > 1 ? `${t.gpuCount}× ${t.gpu}` : t.gpu, t.model, t.engine, t.concurrency, de(t.aggregateTokensPerSec, 1), de(t.decodeTokensPerSecPerStream, 1), t.asOf])
      );
    case 'profiles':
      return formatTable(
        ['Id', 'Name', 'Tiers', 'ohne PB auch', 'Nachweise'],
        catalog.profiles.map((p) => [p.id, p.name, p.allowedTiers.join(', '), p.allowedTiersWithoutPersonalData.join(', '), p.requiredCertifications.join(', ')])
      );
  }
}

export const command: Command = {
  name: 'catalog',
  summary: 'Katalog: Anbieter, Routen mit Preisen, GPUs, Server, offene Modelle, Messpunkte, Profile',
  usage:
    'werkbank catalog [providers|models|gpus|servers|open-models|throughput|profiles] [--json] [--catalog DATEI]\n' +
    '  ohne Abschnitt: Übersicht (mit --json: der ganze zusammengeführte Katalog)\n' +
    '  --catalog DATEI  Überschreibungen (Standard: werkbank.catalog.yaml bzw. WERKBANK_CATALOG)',
  async run({ argv, env, io }) {
    const { values, positionals } = parseFlags(argv, { catalog: { type: 'string' } });
    const section = positionals[0] as SectionArg | undefined;
    if (section !== undefined && !SECTIONS.includes(section)) throw new UsageError(`unbekannter Abschnitt "${section}" (erwartet: ${SECTIONS.join(' | ')})`);
    if (positionals.length > 1) throw new UsageError(`unerwartetes Argument: ${positionals[1]}`);
    const catalog = await loadCatalogForCli(env, values.catalog);
    if (!section) {
      if (values.json) printJson(io, catalog);
      else {
        io.out(
          formatTable(
            ['Abschnitt', 'Einträge'],
            SECTIONS.map((s) => [s, catalogSectionItems(catalog, s).length])
          )
        );
        io.out(`\nWechselkurs: ${de(catalog.fx.usdPerEur, 4)} USD je EUR (${catalog.fx.source}, Stand ${catalog.fx.asOf})\n`);
      }
      return 0;
    }
    if (values.json) printJson(io, catalogSectionItems(catalog, section));
    else io.out(table(catalog, section));
    return 0;
  }
};
