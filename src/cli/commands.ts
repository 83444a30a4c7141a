// Command registry: every `werkbank <name>` command and the module that implements it (one file per
// command in src/cli). Static imports let the launcher bundle the CLI ahead of time (bin/cli-bundle.js);
// test/unit/cli-commands.test.ts checks that this table and the files in src/cli agree.
import type { Command } from './support/cli';

type Loader = () => Promise<{ command: Command }>;

export const commandLoaders: Readonly<Record<string, Loader>> = {
  catalog: () => import('./catalog'),
  compare: () => import('./compare'),
  db: () => import('./db'),
  export: () => import('./export'),
  gate: () => import('./gate'),
  ping: () => import('./ping'),
  probe: () => import('./probe'),
  recommend: () => import('./recommend'),
  report: () => import('./report'),
  run: () => import('./run'),
  score: () => import('./score'),
  serve: () => import('./serve'),
  simulate: () => import('./simulate'),
  sizing: () => import('./sizing'),
  suites: () => import('./suites'),
  synth: () => import('./synth'),
  targets: () => import('./targets')
};

export function commandNames(): string[] {
  return Object.keys(commandLoaders).sort();
}

export async function loadCommand(name: string): Promise<Command | undefined> {
  if (!Object.hasOwn(commandLoaders, name)) return undefined;
  return (await commandLoaders[name]()).command;
}
