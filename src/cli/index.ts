// CLI entry: the only CLI module that reads process.env. Resolves the command file
// (src/cli/<name>.ts, one per command, listed in commands.ts), runs it, and maps errors to exit codes 0/1/2.
import { commandNames, loadCommand } from './commands';
import { EXIT_FAILED, EXIT_USAGE, UsageError, type CliEnv, type Command } from './support/cli';
import { ZodError } from 'zod';
import { useGermanZodMessages } from '../lib/core/zod-messages';
import { pathsFromEnv } from '../lib/server/config/paths';

useGermanZodMessages();
// stdout carries data only (one JSON document with --json): what libraries print through console.log
// (the ollama SDK logs "Getting text from response" on an HTTP error) goes to stderr with the diagnostics
console.log = console.error;
console.info = console.error;
console.debug = console.error;

export function cliEnvFromProcess(): CliEnv {
  const cwd = process.cwd();
  return {
    cwd,
    ...pathsFromEnv(cwd, process.env),
    env: process.env,
    isTty: Boolean(process.stderr.isTTY)
  };
}

async function help(): Promise<string> {
  const lines = ['Werkbank – Routen, Benchmarks und Kosten für deutsche LLM-Arbeit', '', 'Aufruf: werkbank <befehl> [optionen]', '', 'Befehle:'];
  for (const n of commandNames()) {
    const c = await loadCommand(n);
    if (c) lines.push(`  ${c.name.padEnd(12)} ${c.summary}`);
  }
  lines.push('', 'Jeder Befehl kennt --json (ein JSON-Dokument auf stdout), --db PFAD und --help.', 'Exit-Codes: 0 ok, 1 fehlgeschlagen/Gate nicht bestanden, 2 Aufruf- oder Validierungsfehler.');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  const io = { out: (t: string) => void process.stdout.write(t), err: (t: string) => void process.stderr.write(t) };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(await help());
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version') {
    io.out('werkbank 0.1.0\n');
    return 0;
  }
  const cmd = await loadCommand(name);
  if (!cmd) {
    io.err(`werkbank: unbekannter Befehl "${name}". Übersicht: werkbank --help\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${cmd.summary}\n\n${cmd.usage}\n`);
    return 0;
  }
  const controller = new AbortController();
  // The first signal stops the command gracefully (a run stores what it has and ends "cancelled"); a
  // second one ends the process at once. `on`, not `once`: libraries that hook signals themselves
  // (signal-exit, loaded with node-llama-cpp) re-raise a signal when no other listener is left, which
  // killed a local-engine run right after the first Ctrl-C.
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      io.err(`werkbank ${name}: zweites Signal (${sig}), sofort beendet\n`);
      process.exit(130);
    }
    io.err(`werkbank ${name}: ${sig} empfangen, beende sauber … (noch einmal: sofort)\n`);
    controller.abort(new Error(`Signal ${sig}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await cmd.run({ argv: rest, env: cliEnvFromProcess(), io, signal: controller.signal });
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`werkbank ${name}: ${err.message}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof ZodError) {
      io.err(`werkbank ${name}: ungültige Eingabe:\n${err.issues.map((i) => `  - ${i.path.join('.') || '(Wurzel)'}: ${i.message}`).join('\n')}\n`);
      return EXIT_USAGE;
    }
    const e = err as Error & { exitCode?: number };
    io.err(`werkbank ${name}: ${e.message}\n`);
    if (process.env.WERKBANK_DEBUG) io.err(`${e.stack}\n`);
    return typeof e.exitCode === 'number' ? e.exitCode : EXIT_FAILED;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
