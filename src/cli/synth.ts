// `werkbank synth --shape ID --quant q4_0|q8_0|f16 --out FILE.gguf`: write a synthetic GGUF model
// (random weights, exact tensor shapes of a catalog open model) for speed measurements. Progress on
// stderr; `--json` prints the result document on stdout.
import { existsSync } from 'node:fs';
import { loadCatalog } from '../lib/server/catalog';
import { GgufShapeError, synthQuants, writeSyntheticGguf, type SynthQuant } from '../lib/server/engine/gguf-writer';
import { parseFlags, type Command, numberFlag, outputFile, printJson, UsageError } from './support/cli';

export const command: Command = {
  name: 'synth',
  summary: 'Synthetisches GGUF-Modell (Zufallsgewichte, echte Form) für Geschwindigkeitsmessungen schreiben',
  usage:
    'werkbank synth --shape OPEN-MODELL-ID --quant q4_0|q8_0|f16 --out DATEI.gguf [--seed N] [--force] [--json]\n\n' +
    'Die Form (Schichten, Breiten, Köpfe, Vokabular) kommt aus dem Katalog (openModels). Die Datei misst\n' +
    'nur Geschwindigkeit, keine Qualität: ihre Ausgabe ist Rauschen.',
  async run({ argv, env, io, signal }) {
    const { values, positionals } = parseFlags(argv, {
      shape: { type: 'string' },
      quant: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      force: { type: 'boolean' }
    });
    if (positionals.length) throw new UsageError(`unerwartetes Argument: ${positionals[0]}`);
    if (!values.shape) throw new UsageError('--shape fehlt (Open-Modell-ID aus dem Katalog, z. B. mistral-7b)');
    if (!values.out) throw new UsageError('--out fehlt (Zieldatei, z. B. modelle/mistral-7b-q4_0.gguf)');
    const quant = (values.quant ?? 'q4_0') as SynthQuant;
    if (!synthQuants.includes(quant)) throw new UsageError(`--quant: "${values.quant}" wird nicht unterstützt (erlaubt: ${synthQuants.join(', ')})`);
    const seed = numberFlag('seed', values.seed, { integer: true, min: 0, max: 0xffffffff, fallback: 1 })!;
    const out = outputFile('--out', values.out, env.cwd);
    if (!out.endsWith('.gguf')) throw new UsageError(`--out: "${values.out}" sollte auf .gguf enden`);
    if (existsSync(out) && !values.force) throw new UsageError(`--out: ${out} gibt es schon (--force überschreibt)`);

    const catalog = await loadCatalog({ rootDir: env.cwd, overridePath: env.catalogOverridePath });
    const shape = catalog.openModels.find((m) => m.id === values.shape);
    if (!shape) {
      const ids = catalog.openModels.map((m) => m.id).join(', ');
      throw new UsageError(`--shape: "${values.shape}" ist kein Open-Modell im Katalog (bekannt: ${ids})`);
    }
    let result;
    let lastPct = -100;
    try {
      result = await writeSyntheticGguf({
        shape,
        quant,
        outPath: out,
        seed,
        signal,
        onProgress: (p) => {
          const pct = Math.floor((p.bytesWritten / p.totalBytes) * 100);
          const line = `${String(pct).padStart(3)} %  ${gib(p.bytesWritten)} / ${gib(p.totalBytes)}  Tensor ${p.tensorIndex}/${p.tensorCount}`;
          // A terminal gets one updating line; logs get a line per 10 %.
          if (env.isTty) io.err(`\r${line}`);
          else if (pct >= lastPct + 10 || pct === 100) {
            lastPct = pct;
            io.err(`${line}\n`);
          }
        }
      });
    } catch (err) {
      if (err instanceof GgufShapeError) throw new UsageError(err.message);
      throw err;
    }
    if (env.isTty) io.err('\n');
    const secs = result.elapsedMs / 1000;
    const doc = {
      path: result.path,
      shape: result.shapeId,
      quant: result.quant,
      bytes: result.bytes,
      tensors: result.tensors,
      params: result.paramCount,
      seconds: Math.round(secs * 100) / 100,
      gibPerSec: Math.round((result.bytes / 2 ** 30 / Math.max(secs, 1e-9)) * 100) / 100,
      synthetic: true
    };
    if (values.json) printJson(io, doc);
    else
      io.out(
        `${doc.path}: ${shape.name} als ${quant}, ${gib(doc.bytes)} (${de2.format(doc.params / 1e9)} Mrd. Parameter, ${doc.tensors} Tensoren) in ${de2.format(secs)} s.\n` +
          'Synthetisches Modell: nur Geschwindigkeit, keine Qualität.\n'
      );
    return 0;
  }
};

const de2 = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function gib(bytes: number): string {
  return `${de2.format(bytes / 2 ** 30)} GiB`;
}
