// `werkbank ping --target T [--json]`: one tiny request to a target (named or bare route); prints the latency
// or a clear German/English error (credentials rejected, unknown model, host unreachable, timeout). Exit 1 on
// failure, 2 on a usage/config error. Credential values never appear in the output.
import { createAdapter, resolveTarget, TargetError, type ResolvedTarget } from '../lib/server/providers/registry';
import { ProviderError } from '../lib/server/providers/types';
import { loadTargetContext } from './targets';
import { numberFlag, parseFlags, printJson, UsageError, type Command } from './support/cli';

/** A user-facing explanation of a failed ping (German first, English after the slash). */
export function explainPingError(err: ProviderError, t: ResolvedTarget, timeoutMs: number): string {
  const keyVar = t.credentials.find((c) => c.purpose === 'apiKey' || c.purpose === 'accessToken')?.env;
  const where = t.baseUrl ?? (t.baseUrlEnv ? `$${t.baseUrlEnv}` : 'Standard-Endpunkt');
  switch (err.kind) {
    case 'auth':
      if (!err.status) return err.message;
      return `Zugangsdaten abgelehnt (HTTP ${err.status})${keyVar ? ` – prüfen Sie ${keyVar}` : ''} / credentials rejected`;
    case 'permission':
      return `Zugriff verweigert (HTTP ${err.status ?? 403}): Schlüssel gültig, aber ohne Recht auf Modell "${t.model}" / access denied`;
    case 'not_found':
      return `Modell "${t.model}" ist beim Anbieter unbekannt (HTTP ${err.status ?? 404}) / unknown model`;
    case 'bad_request':
      if (/model|deployment/i.test(err.message)) return `Modell "${t.model}" wird nicht akzeptiert (HTTP ${err.status ?? 400}): ${err.message} / unknown or invalid model`;
      return `Anfrage abgelehnt (HTTP ${err.status ?? 400}): ${err.message} / request rejected`;
    case 'connection':
      return `Host nicht erreichbar (${where}): ${err.message} / host unreachable`;
    case 'timeout':
      return `Keine Antwort innerhalb von ${timeoutMs} ms (${where}) / timed out`;
    case 'rate_limit':
      return `Ratenlimit erreicht (HTTP 429)${err.retryAfterMs !== undefined ? `, erneut versuchen in ${Math.ceil(err.retryAfterMs / 1000)} s` : ''} / rate limited`;
    case 'server':
      return `Serverfehler beim Anbieter${err.status ? ` (HTTP ${err.status})` : ''}: ${err.message} / provider server error`;
    case 'malformed_response':
      return `Antwort nicht lesbar – spricht der Endpunkt das erwartete Protokoll? ${err.message} / malformed response`;
    default:
      return err.message;
  }
}

function redact(text: string, t: ResolvedTarget, env: Record<string, string | undefined>): string {
  let out = text;
  for (const c of t.credentials) {
    const v = env[c.env];
    if (v && v.length >= 4) out = out.split(v).join('***');
  }
  return out;
}

export const command: Command = {
  name: 'ping',
  summary: 'Eine kleine Anfrage an ein Ziel: Latenz oder klare Fehlermeldung',
  usage: 'werkbank ping --target ZIEL [--timeout-ms 30000] [--json]\n\nZIEL ist ein Name aus werkbank.config.yaml oder eine Route wie mistral/mistral-large-latest,\nollama/llama3.1:8b, local/modelle/tiny.gguf. Exit 0 erreichbar, 1 Fehler, 2 Aufruffehler.',
  async run({ argv, env, io, signal }) {
    const { values } = parseFlags(argv, { target: { type: 'string', short: 't' }, 'timeout-ms': { type: 'string' } }, { allowPositionals: false });
    if (!values.target) throw new UsageError('--target fehlt (Name aus werkbank.config.yaml oder Route wie ollama/llama3.1:8b)');
    const timeoutMs = numberFlag('timeout-ms', values['timeout-ms'], { min: 1, max: 600_000, integer: true, fallback: 30_000 })!;
    const { config, catalog } = await loadTargetContext(env, io);
    let target: ResolvedTarget;
    try {
      target = resolveTarget(values.target, config, catalog);
    } catch (err) {
      if (err instanceof TargetError) throw new UsageError(err.message);
      throw err;
    }
    const base = { target: target.name, route: target.route, provider: target.providerId, model: target.model, tier: target.tier ?? null };
    const fail = (err: ProviderError) => {
      const message = redact(explainPingError(err, target, timeoutMs), target, env.env);
      if (values.json) printJson(io, { ...base, ok: false, error: { kind: err.kind, status: err.status ?? null, retryable: err.retryable, retryAfterMs: err.retryAfterMs ?? null, message } });
      else io.err(`✗ ${target.name}: ${message}\n`);
      return 1;
    };
    let adapter;
    try {
      adapter = await createAdapter(target, env.env);
    } catch (err) {
      if (err instanceof TargetError) throw new UsageError(err.message);
      if (err instanceof ProviderError) return fail(err);
      throw err;
    }
    try {
      const r = await adapter.generate({ model: target.model, messages: [{ role: 'user', content: 'Antworte nur mit: ok' }], maxTokens: 5, temperature: 0, timeoutMs, signal });
      const latencyMs = Math.round((r.timing.endMs - r.timing.startMs) * 10) / 10;
      if (values.json) printJson(io, { ...base, ok: true, latencyMs, usage: r.usage, finishReason: r.finishReason });
      else io.out(`✓ ${target.name} (${target.route}) antwortet in ${latencyMs.toLocaleString('de-DE')} ms\n`);
      return 0;
    } catch (err) {
      if (err instanceof ProviderError) return fail(err);
      return fail(new ProviderError({ provider: target.providerId, kind: 'unknown', message: redact((err as Error)?.message ?? String(err), target, env.env), cause: err }));
    } finally {
      await adapter.close?.().catch(() => undefined);
    }
  }
};
