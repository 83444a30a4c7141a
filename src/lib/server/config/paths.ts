// Where Werkbank keeps its files, derived from the environment an edge passes in (the CLI entry and
// the server hooks; nothing else reads the environment): data folder, DuckDB file, catalog override
// and werkbank.config.yaml.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface WerkbankPaths {
  dataDir: string;
  dbPath: string;
  /** WERKBANK_CATALOG, else ./werkbank.catalog.yaml where it exists. */
  catalogOverridePath?: string;
  configPath: string;
  /** WERKBANK_CONFIG named the file: its absence is an error, not "no targets". */
  configRequired: boolean;
}

export function pathsFromEnv(rootDir: string, env: Readonly<Record<string, string | undefined>>): WerkbankPaths {
  const dataDir = resolve(rootDir, env.WERKBANK_DATA_DIR ?? 'data');
  const overrideDefault = resolve(rootDir, 'werkbank.catalog.yaml');
  return {
    dataDir,
    dbPath: resolve(rootDir, env.WERKBANK_DB ?? join(dataDir, 'werkbank.duckdb')),
    catalogOverridePath: env.WERKBANK_CATALOG ? resolve(rootDir, env.WERKBANK_CATALOG) : existsSync(overrideDefault) ? overrideDefault : undefined,
    configPath: resolve(rootDir, env.WERKBANK_CONFIG || 'werkbank.config.yaml'),
    configRequired: Boolean(env.WERKBANK_CONFIG)
  };
}
