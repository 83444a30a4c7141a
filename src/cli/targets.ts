// `werkbank targets [--json]`: the named targets of werkbank.config.yaml with route, provider model id, tier,
// region, limits and whether their credentials are present (variable names only, never values).
import { loadCatalog } from '../lib/server/catalog';
import { ConfigError, loadConfig } from '../lib/server/config';
import { credentialStatus, credentialsReady, resolveTarget, TargetError, type ResolvedTarget } from '../lib/server/providers/registry';
import type { Catalog } from '../lib/core/catalog/schema';
import { formatTable, parseFlags, printJson, UsageError, type CliEnv, type CliIo, type Command } from './support/cli';

/** Load config (usage error on a bad file) and, if it loads, the catalog (for model ids, tiers, regions). */
export async function loadTargetContext(env: CliEnv, io: CliIo): Promise<{ config: Awaited<ReturnType<typeof loadConfig>>; catalog?: Catalog }> {
  let config;
  try {
    config = await loadConfig(env.configPath, { rootDir: env.cwd, required: env.configRequired });
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(`Konfiguration ungültig / invalid configuration:\n${err.message}`);
    throw err;
  }
  let catalog: Catalog | undefined;
  try {
    catalog = await loadCatalog({ rootDir: env.cwd, overridePath: env.catalogOverridePath });
  } catch (err) {
    io.err(`Hinweis: Katalog nicht geladen (${(err as Error).message.split('\n')[0]}); Modell-IDs und Tiers nur aus der Konfiguration.\n`);
  }
  return { config, catalog };
}

function row(t: ResolvedTarget, env: Record<string, string | undefined>) {
  return {
    name: t.name,
    route: t.route,
    provider: t.providerId,
    model: t.model,
    catalogRoute: t.catalogRoute ?? null,
    tier: t.tier ?? null,
    region: t.region ?? null,
    baseUrl: t.baseUrl ?? (t.baseUrlEnv && env[t.baseUrlEnv] ? `$${t.baseUrlEnv}` : null),
    rateLimit: t.rateLimit ?? null,
    maxConcurrency: t.maxConcurrency ?? null,
    timeoutMs: t.timeoutMs ?? null,
    credentials: credentialStatus(t, env).map((c) => ({ env: c.env, purpose: c.purpose, required: c.required, present: c.present })),
    credentialsReady: credentialsReady(t, env)
  };
}

export const command: Command = {
  name: 'targets',
  summary: 'Ziele aus werkbank.config.yaml und ob ihre Zugangsdaten gesetzt sind',
  usage: 'werkbank targets [--json]\n\nListet die benannten Ziele (Route, Modell-ID, Tier, Region, Limits) und ob die\nUmgebungsvariablen ihrer Zugangsdaten gesetzt sind – nur Namen, nie Werte.\nKonfiguration: werkbank.config.yaml im Arbeitsverzeichnis oder WERKBANK_CONFIG.',
  async run({ argv, env, io }) {
    const { values, positionals } = parseFlags(argv, {}, { allowPositionals: false });
    void positionals;
    const { config, catalog } = await loadTargetContext(env, io);
    const rows = [];
    for (const name of Object.keys(config.targets)) {
      try {
        rows.push(row(resolveTarget(name, config, catalog), env.env));
      } catch (err) {
        if (err instanceof TargetError) throw new UsageError(`${config.path}: targets.${name}: ${err.message}`);
        throw err;
      }
    }
    if (values.json) {
      printJson(io, { configPath: config.path ?? env.configPath, configFound: Boolean(config.path), targets: rows });
      return 0;
    }
    if (!config.path) {
      io.out(`Keine Konfiguration gefunden (${env.configPath}). Vorlage: werkbank.config.example.yaml\nOhne Konfiguration funktionieren Routen direkt, z. B. werkbank ping --target ollama/llama3.1:8b\n`);
      return 0;
    }
    if (!rows.length) {
      io.out(`${config.path}: keine Ziele definiert.\n`);
      return 0;
    }
    io.out(
      formatTable(
        ['Ziel', 'Route', 'Modell', 'Tier', 'Region', 'Zugangsdaten'],
        rows.map((r) => [
          r.name,
          r.route,
          r.model,
          r.tier,
          r.region,
          r.credentials.length === 0 ? 'keine nötig' : `${r.credentialsReady ? 'ok' : 'FEHLT'}: ${r.credentials.filter((c) => c.required || c.present).map((c) => `${c.env}${c.present ? ' ✓' : ' ✗'}`).join(', ') || r.credentials.map((c) => `${c.env} ✗`).join(', ')}`
        ])
      )
    );
    return 0;
  }
};
