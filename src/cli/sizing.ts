// `werkbank sizing --model ID --server ID [--context N] [--min-speed T] [--json]`: how many concurrent
// streams and users one server carries for an open model (reference roofline or measured curve).
import { capacity, resolveScenario, parseScenario, MAX_USERS } from '../lib/core/sim';
import { ScenarioResolveError } from '../lib/core/sim/resolve';
import { num } from '../lib/core/sim/rechenweg';
import { loadCatalogForCli } from './catalog';
import { numberFlag, parseFlags, printJson, UsageError, type Command } from './support/cli';

/** Default usage profile for "users per server": the simulator's example tenant. */
const PROFILE = { activeShare: 0.8, requestsPerActiveUserPerDay: 15, peakHourShare: 0.2 };
const REQUEST = { systemPromptTokens: 1500, contextTokens: 800, userTokens: 150, outputTokens: 350 };

export const command: Command = {
  name: 'sizing',
  summary: 'Dimensionierung: Streams und Nutzer je Server für ein offenes Modell',
  usage:
    'werkbank sizing --model ID --server ID [--context N] [--min-speed T] [--capacity auto|roofline|measured] [--json] [--catalog DATEI]\n\n' +
    '  --model ID     offenes Modell mit Quantisierung, z. B. mistral-7b-q4_k_m\n' +
    '  --server ID    Server aus dem Katalog, z. B. hetzner-gex44\n' +
    '  --context N    Kontextfenster je Stream in Token (Standard 8192)\n' +
    '  --min-speed T  Mindestgeschwindigkeit je Stream in Token/s (Standard 15)\n' +
    `  Nutzer je Server bei ${PROFILE.requestsPerActiveUserPerDay} Anfragen je aktivem Nutzer und Tag, ${PROFILE.activeShare * 100} % aktiv, ${PROFILE.peakHourShare * 100} % in der Spitzenstunde,\n` +
    `  ${REQUEST.systemPromptTokens + REQUEST.contextTokens + REQUEST.userTokens} Prompt- und ${REQUEST.outputTokens} Output-Token je Anfrage.`,
  async run({ argv, env, io }) {
    const { values, positionals } = parseFlags(
      argv,
      { model: { type: 'string' }, server: { type: 'string' }, context: { type: 'string' }, 'min-speed': { type: 'string' }, capacity: { type: 'string' }, catalog: { type: 'string' } },
      { allowPositionals: false }
    );
    if (positionals.length) throw new UsageError(`unerwartetes Argument: ${positionals[0]}`);
    if (!values.model) throw new UsageError('--model ID fehlt (z. B. mistral-7b-q4_k_m)');
    if (!values.server) throw new UsageError('--server ID fehlt (z. B. hetzner-gex44)');
    const contextTokens = numberFlag('context', values.context, { min: 1, max: 10_000_000, integer: true, fallback: 8192 })!;
    const minSpeed = numberFlag('min-speed', values['min-speed'], { min: 0.001, fallback: 15 })!;
    const capacityModel = values.capacity ?? 'auto';
    if (!['auto', 'roofline', 'measured'].includes(capacityModel)) throw new UsageError(`--capacity: "${capacityModel}" (erwartet: auto | roofline | measured)`);
    const catalog = await loadCatalogForCli(env, values.catalog);
    const need = REQUEST.systemPromptTokens + REQUEST.contextTokens + REQUEST.userTokens + REQUEST.outputTokens;
    if (contextTokens < need) throw new UsageError(`--context: ${contextTokens} Token ist kleiner als eine Anfrage (${need} Token Prompt und Ausgabe)`);
    const scenario = parseScenario({
      tenant: { users: 1, workingDaysPerMonth: 21, ...PROFILE },
      request: REQUEST,
      api: { cacheHitRate: 0, routes: [{ share: 1, price: { currency: 'EUR', inputPerMTok: 0, outputPerMTok: 0 } }] },
      selfHosted: { server: { id: values.server }, model: { id: values.model }, contextTokens, minTokensPerSecPerStream: minSpeed, capacityModel }
    });
    let resolved;
    try {
      resolved = resolveScenario(scenario, catalog);
    } catch (err) {
      if (err instanceof ScenarioResolveError) {
        const flag = err.field.startsWith('selfHosted.server') ? '--server' : err.field.startsWith('selfHosted.model') ? '--model' : '--capacity';
        throw new UsageError(`${flag}: ${err.message.replace(/^[^:]+: /, '')}`);
      }
      throw err;
    }
    const cap = capacity(resolved);
    const peakPerUser = PROFILE.activeShare * PROFILE.requestsPerActiveUserPerDay * PROFILE.peakHourShare;
    const usersPerServer = cap.requestsPerHour === null ? null : Math.min(MAX_USERS, Math.floor(cap.requestsPerHour / peakPerUser));
    const result = {
      model: resolved.selfHosted.model.name,
      server: resolved.selfHosted.server.name,
      gpu: resolved.selfHosted.server.gpu.name,
      gpuCount: resolved.selfHosted.server.gpuCount,
      contextTokens,
      minTokensPerSecPerStream: minSpeed,
      fits: cap.fits,
      reason: cap.reason ?? null,
      capacityMethod: cap.method,
      measuredSource: cap.measuredSource ?? null,
      weightsGb: cap.weightsGb,
      kvBytesPerToken: cap.kvBytesPerToken,
      streamsFit: cap.streamsFit,
      streams: cap.streams,
      tokensPerSecPerStream: cap.tokensPerSecPerStream,
      aggregateTokensPerSec: cap.aggregateTokensPerSec,
      requestSeconds: cap.requestSeconds,
      requestsPerHour: cap.requestsPerHour,
      usersPerServer,
      profile: { ...PROFILE, request: REQUEST }
    };
    if (values.json) {
      printJson(io, result);
      return 0;
    }
    io.out(`${result.model} auf ${result.server} (${result.gpuCount} × ${result.gpu}), Kontext ${num(contextTokens, 0)} Token\n`);
    io.out(`Gewichte: ${num(cap.weightsGb)} GB · KV-Cache: ${num(cap.kvBytesPerToken / 1024, 0)} KiB je Token · passen: ${num(cap.streamsFit, 0)} Streams\n`);
    if (!cap.fits || cap.requestsPerHour === null) {
      io.out(`Nicht nutzbar: ${cap.reason}\n`);
      return 0;
    }
    io.out(`Nutzbar: ${cap.streams} Streams à ${num(cap.tokensPerSecPerStream, 1)} Token/s (≥ ${num(minSpeed)}), zusammen ${num(cap.aggregateTokensPerSec, 0)} Token/s (${cap.method === 'measured' ? `gemessene Kurve: ${cap.measuredSource}` : 'Roofline'})\n`);
    io.out(`Kapazität: ${num(cap.requestsPerHour, 0)} Anfragen/h ≈ ${num(usersPerServer, 0)} Nutzer je Server (${num(peakPerUser)} Anfragen je Nutzer in der Spitzenstunde)\n`);
    return 0;
  }
};
