// Server context: configuration resolved once at the edge (hooks.server.ts) and the shared store.
// Route handlers call getServerConfig()/getStore(); nothing below the edge reads process.env.
import { Store } from './store/db';

export interface ServerConfig {
  /** Project root: where benchmarks/, datasets/ and the default config files live. */
  rootDir: string;
  dataDir: string;
  dbPath: string;
  catalogOverridePath?: string;
  configPath: string;
  /** WERKBANK_CONFIG named the file: a missing file is an error. */
  configRequired?: boolean;
  host: string;
  port: number;
  /** Set when the server is reachable beyond loopback; every request then needs it. */
  token?: string;
  /** Environment for credential lookups by variable name (values never leave the server). */
  env: Readonly<Record<string, string | undefined>>;
}

let config: ServerConfig | undefined;
let storePromise: Promise<Store> | undefined;

export function setServerConfig(c: ServerConfig): void {
  config = c;
}

export function getServerConfig(): ServerConfig {
  if (!config) throw new Error('server config not initialised (hooks.server.ts init)');
  return config;
}

/** The process-wide store, opened and migrated on first use. */
export function getStore(): Promise<Store> {
  if (!storePromise) {
    storePromise = Store.open(getServerConfig().dbPath).catch((err) => {
      storePromise = undefined;
      throw err;
    });
  }
  return storePromise;
}

export async function closeStore(): Promise<void> {
  if (storePromise) {
    const s = await storePromise.catch(() => undefined);
    storePromise = undefined;
    await s?.close();
  }
}
