// `werkbank recommend --profile ID [--personal-data]`: allowed routes ranked, the recommended primary
// route, a fallback chain within the allowed tiers, the AVV sub-processors and the reasons (German).
// Exit 0 with a recommendation, 1 when no route qualifies, 2 for an unknown profile or bad catalog.
import { recommend, tierLabels, UnknownProfileError } from '../lib/core/compliance';
import { loadCatalogForCli } from './catalog';
import { formatTable, parseFlags, printJson, UsageError, type Command } from './support/cli';

const eur = (v: number) => v.toLocaleString('de-DE', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 4 });

export const command: Command = {
  name: 'recommend',
  summary: 'Empfehlung: zulässige Routen, Primärroute, Fallback-Kette und AVV-Unterauftragnehmer je Kundenprofil',
  usage:
    'werkbank recommend --profile ID [--personal-data] [--json] [--catalog DATEI]\n' +
    '  Profile: kmu-standard, kanzlei, arztpraxis, behoerde, kritis, finanz, ecommerce, sovereign (und eigene aus dem Katalog)',
  async run({ argv, env, io }) {
    const { values, positionals } = parseFlags(argv, { profile: { type: 'string' }, 'personal-data': { type: 'boolean' }, catalog: { type: 'string' } }, { allowPositionals: false });
    if (positionals.length) throw new UsageError(`unerwartetes Argument: ${positionals[0]}`);
    const catalog = await loadCatalogForCli(env, values.catalog);
    if (!values.profile) throw new UsageError(`--profile fehlt (bekannt: ${catalog.profiles.map((p) => p.id).join(', ')})`);
    let rec;
    try {
      rec = recommend(catalog, { profileId: values.profile, personalData: Boolean(values['personal-data']), today: new Date().toISOString().slice(0, 10) });
    } catch (err) {
      if (err instanceof UnknownProfileError) throw new UsageError(err.message);
      throw err;
    }
    if (values.json) {
      printJson(io, rec);
      return rec.primary ? 0 : 1;
    }
    io.out(`Profil: ${rec.profileName} (${rec.profile}) – ${rec.personalData ? 'mit' : 'ohne'} personenbezogene(n) Daten\n\n`);
    if (rec.primary) {
      io.out(`Empfohlen: ${rec.primary.route} (${tierLabels[rec.primary.tier]})\n`);
      io.out(`Fallback:  ${rec.fallbackChain.length ? rec.fallbackChain.map((f) => `${f.route} (Tier ${f.tier})`).join(' → ') : '–'}\n\n`);
    } else io.out('Keine zulässige Route gefunden.\n\n');
    io.out('Begründung:\n' + rec.reasons.map((r) => `  - ${r}\n`).join('') + '\n');
    io.out('Unterauftragnehmer für den AVV:\n' + (rec.subProcessors.length ? rec.subProcessors.map((s) => `  - ${s}\n`).join('') : '  – keine (Eigenbetrieb)\n') + '\n');
    if (rec.warnings.length) io.out('Hinweise:\n' + rec.warnings.map((w) => `  - ${w}\n`).join('') + '\n');
    io.out(
      `Zulässige Routen (${rec.allowed.length}, Rangfolge):\n` +
        formatTable(
          ['#', 'Route', 'Tier', 'Region', 'Eingabe €/MTok', 'Ausgabe €/MTok'],
          rec.allowed.map((a, i) => [i + 1, a.route, a.tier, a.region, eur(a.priceEur.inputPerMTok), eur(a.priceEur.outputPerMTok)])
        )
    );
    return rec.primary ? 0 : 1;
  }
};
