// The command registry (src/cli/commands.ts) and the command files in src/cli agree: every command file
// is reachable as `werkbank <name>`, and every registered name loads a command of that name.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandNames, loadCommand } from '../../src/cli/commands';

const NOT_COMMANDS = new Set(['index', 'commands']);

describe('CLI command registry', () => {
  it('lists exactly the command files in src/cli', () => {
    const files = readdirSync(join(import.meta.dirname, '../../src/cli'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3))
      .filter((n) => !NOT_COMMANDS.has(n))
      .sort();
    expect(commandNames()).toEqual(files);
  });

  it('loads each registered command under its own name', async () => {
    for (const name of commandNames()) {
      const cmd = await loadCommand(name);
      expect(cmd?.name, name).toBe(name);
      expect(cmd?.summary.length, name).toBeGreaterThan(5);
    }
  });

  it('knows no command for unknown or inherited names', async () => {
    expect(await loadCommand('nope')).toBeUndefined();
    expect(await loadCommand('toString')).toBeUndefined();
    expect(await loadCommand('__proto__')).toBeUndefined();
  });
});
