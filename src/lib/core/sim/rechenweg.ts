// "Rechenweg": the reference model as a list of steps (formula, numbers filled in, result) for the UI
// and the CLI, so every figure can be checked by hand. German labels, de-DE numbers.
import { priceInEur } from '../cost/request-cost';
import type { ResolvedScenario } from './resolve';
import { MAX_USERS, VRAM_USABLE_SHARE, serverMonthlyEur, type SimResult } from './model';

export interface RechenwegStep {
  id: string;
  title: string;
  formula: string;
  filled: string;
  result: number | null;
  unit: string;
  note?: string;
}

const nf = (digits: number) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: digits });
export function num(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const abs = Math.abs(v);
  const d = abs !== 0 && abs < 0.01 ? 6 : abs < 1 ? Math.max(digits, 4) : digits;
  return nf(d).format(v);
}

export function rechenweg(s: ResolvedScenario, r: SimResult): RechenwegStep[] {
  const t = s.tenant;
  const q = s.request;
  const steps: RechenwegStep[] = [];
  const u = r.users;
  steps.push({
    id: 'requests',
    title: 'Anfragen pro Monat',
    formula: 'R = Nutzer · aktiver Anteil · Anfragen je aktivem Nutzer und Tag · Arbeitstage',
    filled: `R = ${num(u, 0)} · ${num(t.activeShare)} · ${num(t.requestsPerActiveUserPerDay)} · ${num(t.workingDaysPerMonth)}`,
    result: r.requestsPerMonth,
    unit: 'Anfragen/Monat'
  });
  for (const [i, rc] of r.api.routes.entries()) {
    const route = s.api.routes[i];
    const eur = priceInEur(route.price, s.fx);
    const conv = route.price.currency === 'USD' ? ` (USD ÷ ${num(s.fx.usdPerEur, 4)})` : '';
    const h = s.api.cacheHitRate;
    const inputFilled =
      rc.cached && eur
        ? `${num(h)} · ${num(q.systemPromptTokens, 0)} · ${num(eur.cacheReadPerMTok!, 4)} + ${num(1 - h)} · ${num(q.systemPromptTokens, 0)} · ${num(eur.cacheWritePerMTok ?? eur.inputPerMTok, 4)} + ${num(q.contextTokens + q.userTokens, 0)} · ${num(eur.inputPerMTok, 4)}`
        : eur
          ? `${num(q.systemPromptTokens + q.contextTokens + q.userTokens, 0)} · ${num(eur.inputPerMTok, 4)}`
          : '–';
    steps.push({
      id: `route-${i}-request`,
      title: `Route „${rc.label}“: Kosten je Anfrage${conv}`,
      formula: rc.cached
        ? '(h · sys · Cache-Lesen + (1−h) · sys · Cache-Schreiben + (Kontext+Nutzer) · Input + Output · Output-Preis) / 1e6 · Batch-Faktor'
        : '((sys+Kontext+Nutzer) · Input + Output · Output-Preis) / 1e6 · Batch-Faktor',
      filled: `(${inputFilled} + ${num(q.outputTokens, 0)} · ${num(eur?.outputPerMTok ?? null, 4)}) / 1e6 · ${num(rc.batchMultiplier, 4)}`,
      result: rc.eurPerRequest,
      unit: 'EUR/Anfrage',
      note: rc.cached ? undefined : 'Route ohne Cache-Preis: ganzer Prompt zum Input-Preis'
    });
    steps.push({
      id: `route-${i}-monthly`,
      title: `Route „${rc.label}“: pro Monat`,
      formula: 'R · Anteil · Kosten je Anfrage',
      filled: `${num(r.requestsPerMonth, 0)} · ${num(rc.share)} · ${num(rc.eurPerRequest, 6)}`,
      result: rc.monthlyEur,
      unit: 'EUR/Monat'
    });
  }
  steps.push({ id: 'api-monthly', title: 'API gesamt pro Monat', formula: 'Σ Routen', filled: r.api.routes.map((x) => num(x.monthlyEur)).join(' + '), result: r.api.monthlyEur, unit: 'EUR/Monat' });

  const sh = s.selfHosted;
  const m = sh.model;
  const srv = sh.server;
  const cap = r.selfHosted.capacity;
  steps.push({
    id: 'weights',
    title: 'Gewichte im Speicher',
    formula: 'W = Parameter · Bits je Gewicht / 8',
    filled: `W = ${num(m.paramsB)} Mrd. · ${num(m.bitsPerWeight)} / 8`,
    result: cap.weightsGb,
    unit: 'GB',
    note: `Bits je Gewicht: ${m.bitsSource}`
  });
  steps.push({
    id: 'kv',
    title: 'KV-Cache je Token',
    formula: 'kv = 2 · Schichten · KV-Köpfe · Kopfdimension · 2 Byte',
    filled: `kv = 2 · ${m.layers} · ${m.kvHeads} · ${m.headDim} · 2`,
    result: cap.kvBytesPerToken,
    unit: 'Byte/Token'
  });
  steps.push({
    id: 'streams-fit',
    title: 'Streams, die in den Speicher passen',
    formula: `⌊(VRAM · GPUs · ${num(VRAM_USABLE_SHARE)} − W) / (Kontextfenster · kv)⌋`,
    filled: `⌊(${num(srv.gpu.vramGb)} GB · ${srv.gpuCount} · ${num(VRAM_USABLE_SHARE)} − ${num(cap.weightsGb)} GB) / (${num(sh.contextTokens, 0)} · ${num(cap.kvBytesPerToken, 0)} Byte)⌋`,
    result: cap.streamsFit,
    unit: 'Streams',
    note: cap.fits ? undefined : cap.reason
  });
  if (cap.fits) {
    if (cap.method === 'roofline') {
      steps.push({
        id: 'step',
        title: `Decode-Schritt bei b = ${cap.streams} Streams (Roofline)`,
        formula: 'max((Wact + b · c · kv) / (Bandbreite · GPUs · Eff_BW), 2 · aktive Parameter · b / (FP16-FLOPS · GPUs · Eff_Rechnen)), c = sys+Kontext+Nutzer+Output/2',
        filled: `max((${num(cap.activeWeightsGb)} GB + ${cap.streams} · ${num(cap.avgContextTokens, 0)} · ${num(cap.kvBytesPerToken, 0)} B) / (${num(srv.gpu.bandwidthGbps, 0)} GB/s · ${srv.gpuCount} · ${num(sh.efficiency.bandwidth)}), 2 · ${num(m.activeParamsB)} Mrd. · ${cap.streams} / (${num(srv.gpu.fp16Tflops, 0)} TFLOPS · ${srv.gpuCount} · ${num(sh.efficiency.compute)}))`,
        result: cap.stepSeconds,
        unit: 's',
        note: `größtes b mit ≥ ${num(sh.minTokensPerSecPerStream)} Token/s je Stream; ${cap.memoryBound ? 'speicherbandbreiten-begrenzt' : 'rechenbegrenzt'}. Kapazität aus der Roofline (keine Messpunkte für Server und Modell).`
      });
    } else {
      steps.push({
        id: 'step',
        title: `Decode bei b = ${cap.streams} Streams (gemessene Kurve)`,
        formula: 'Schritt = b / aggregierte Token/s(b), linear zwischen Messpunkten interpoliert',
        filled: `${cap.streams} / ${num(cap.aggregateTokensPerSec, 0)} Token/s`,
        result: cap.stepSeconds,
        unit: 's',
        note: `Kapazität aus der gemessenen Kurve statt der Roofline: ${cap.measuredSource}`
      });
    }
    steps.push({ id: 'speed', title: 'Geschwindigkeit je Stream', formula: '1 / Schritt', filled: `1 / ${num(cap.stepSeconds, 5)}`, result: cap.tokensPerSecPerStream, unit: 'Token/s' });
    steps.push({
      id: 'request-seconds',
      title: 'Sekunden je Anfrage',
      formula: 'Output · Schritt + (sys+Kontext+Nutzer) · 2 · aktive Parameter / (FP16-FLOPS · GPUs · Eff_Rechnen)',
      filled: `${num(q.outputTokens, 0)} · ${num(cap.stepSeconds, 5)} + ${num(cap.prefillSeconds, 4)}`,
      result: cap.requestSeconds,
      unit: 's'
    });
    steps.push({ id: 'capacity', title: 'Kapazität je Server', formula: 'b · 3600 / Sekunden je Anfrage', filled: `${cap.streams} · 3600 / ${num(cap.requestSeconds, 3)}`, result: cap.requestsPerHour, unit: 'Anfragen/h' });
  }
  steps.push({
    id: 'peak',
    title: 'Spitzenlast',
    formula: 'Nutzer · aktiver Anteil · Anfragen/Tag · Anteil der Spitzenstunde',
    filled: `${num(u, 0)} · ${num(t.activeShare)} · ${num(t.requestsPerActiveUserPerDay)} · ${num(t.peakHourShare)}`,
    result: r.selfHosted.peakRequestsPerHour,
    unit: 'Anfragen/h'
  });
  steps.push({
    id: 'servers',
    title: 'Server',
    formula: 'max(1, ⌈Spitzenlast / Kapazität⌉) + Redundanz',
    filled: `max(1, ⌈${num(r.selfHosted.peakRequestsPerHour)} / ${num(cap.requestsPerHour)}⌉) + ${sh.redundancy}`,
    result: r.selfHosted.servers,
    unit: 'Server',
    note: r.selfHosted.fits && r.selfHosted.servers !== null ? undefined : r.selfHosted.reason
  });
  steps.push({
    id: 'self-hosted-monthly',
    title: 'Selbst betrieben pro Monat',
    formula: 'Server · (Monatsmiete + Einrichtung / Abschreibungsmonate) + Betrieb',
    filled: `${num(r.selfHosted.servers, 0)} · (${num(srv.monthlyEur)} + ${num(srv.setupEur)} / ${num(srv.amortizationMonths, 0)}) + ${num(sh.opsEurPerMonth)}`,
    result: r.selfHosted.monthlyEur,
    unit: 'EUR/Monat',
    note: `${num(serverMonthlyEur(s))} EUR je Server und Monat`
  });
  steps.push({
    id: 'break-even',
    title: 'Break-even (dediziert)',
    formula: `kleinste Nutzerzahl 1 … ${num(MAX_USERS, 0)} mit selbst betrieben ≤ API`,
    filled: 'alle anderen Annahmen fest',
    result: r.breakEvenUsers,
    unit: 'Nutzer',
    note: r.breakEvenUsers === null ? r.breakEvenReason : undefined
  });
  steps.push({
    id: 'shared-pool',
    title: `Geteilter Pool (${r.sharedPool.tenants} Mandanten)`,
    formula: '(max(1, ⌈M · Spitzenlast / Kapazität⌉) + Redundanz) · Serverkosten + Betrieb, geteilt durch M',
    filled: `${num(r.sharedPool.poolMonthlyEur)} / ${r.sharedPool.tenants}`,
    result: r.sharedPool.perTenantMonthlyEur,
    unit: 'EUR/Monat je Mandant',
    note: `Break-even im Pool: ${r.sharedPool.breakEvenUsers === null ? 'keiner' : num(r.sharedPool.breakEvenUsers, 0) + ' Nutzer je Mandant'}`
  });
  return steps;
}
