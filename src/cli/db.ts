// `werkbank db info|migrate`: database path, schema version and row counts; apply migrations.
import { Store } from '../lib/server/store/db';
import { formatTable, parseFlags, printJson, UsageError, type Command } from './support/cli';

export const command: Command = {
  name: 'db',
  summary: 'Datenbank: info (Pfad, Schema-Version, Zeilen) und migrate',
  usage: 'werkbank db info [--json] [--db PFAD]\nwerkbank db migrate [--json] [--db PFAD]',
  async run({ argv, env, io }) {
    const { values, positionals } = parseFlags(argv, {});
    const sub = positionals[0];
    if (sub !== 'info' && sub !== 'migrate') throw new UsageError(`Unterbefehl fehlt oder unbekannt: "${sub ?? ''}" (erwartet: info | migrate)`);
    if (positionals.length > 1) throw new UsageError(`unerwartetes Argument: ${positionals[1]}`);
    const store = await Store.open(values.db ?? env.dbPath, { migrate: sub === 'migrate' });
    try {
      if (sub === 'migrate') {
        const info = await store.info();
        if (values.json) printJson(io, { path: info.path, schemaVersion: info.schemaVersion });
        else io.out(`Datenbank ${info.path} ist auf Schema-Version ${info.schemaVersion}.\n`);
        return 0;
      }
      const info = await store.info();
      if (values.json) printJson(io, info);
      else {
        io.out(`Datenbank:      ${info.path}\nSchema-Version: ${info.schemaVersion} (aktuell: ${info.latestSchemaVersion})\n\n`);
        io.out(formatTable(['Tabelle', 'Zeilen'], Object.entries(info.tables)));
      }
      return 0;
    } finally {
      await store.close();
    }
  }
};
