// German customer report (Bericht): recommendation with compliance reasons and AVV sub-processors,
// measured quality/latency of candidate routes, monthly costs per option with the break-even chart,
// assumptions with sources and dates. One pure renderer for the /report page and `werkbank report`;
// the output is a self-contained HTML document (inline CSS and SVG, no scripts, no external requests).
import type { Recommendation } from '../compliance/recommend';
import { tierLabels } from '../compliance/recommend';
import type { FullResult } from '../sim/run';
import { costCurve } from '../sim/model';
import type { RunSummary } from '../analysis/compare';
import type { Tier } from '../catalog/schema';
import { escapeHtml as e } from './escape';
import { svgLineChart } from './svg-chart';

export interface Assumption {
  label: string;
  value: string;
  source?: string;
  asOf?: string;
}

export interface ReportInput {
  /** ISO timestamp of generation (passed in: core does not read clocks). */
  generatedAt: string;
  customer?: string;
  scenarioName?: string;
  recommendation: Recommendation;
  sim: FullResult;
  runs: RunSummary[];
  /** Extra assumptions (catalog sources, FX) added by the caller. */
  assumptions?: Assumption[];
}

const nf = (d = 2) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: d });
const eur = (v: number | null | undefined, d = 2) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: d, minimumFractionDigits: Math.min(2, d) }).format(v);
const num = (v: number | null | undefined, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : nf(d).format(v));
const pct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 1 }).format(v));

/** User counts for the cost chart: up to max(2 × break-even, 2 × tenant users, 50). */
export function chartUserCounts(tenantUsers: number, breakEven: number | null, points = 80): number[] {
  const top = Math.max(50, Math.ceil(2 * tenantUsers), breakEven ? Math.ceil(2 * breakEven) : 0);
  const out = new Set<number>();
  for (let i = 0; i < points; i++) out.add(Math.max(1, Math.round(1 + ((top - 1) * i) / (points - 1))));
  return [...out].sort((a, b) => a - b);
}

/** Assumptions the scenario itself states (tenant, request shape, caching, hardware). */
export function scenarioAssumptions(sim: FullResult): Assumption[] {
  const s = sim.resolved;
  const t = s.tenant;
  const q = s.request;
  const sh = s.selfHosted;
  const list: Assumption[] = [
    { label: 'Nutzer je Mandant', value: num(t.users, 0) },
    { label: 'Anteil aktiver Nutzer', value: pct(t.activeShare) },
    { label: 'Anfragen je aktivem Nutzer und Tag', value: num(t.requestsPerActiveUserPerDay, 1) },
    { label: 'Arbeitstage je Monat', value: num(t.workingDaysPerMonth, 0) },
    { label: 'Anteil der Tageslast in der Spitzenstunde', value: pct(t.peakHourShare) },
    { label: 'Tokens je Anfrage (System / Kontext / Nutzer / Ausgabe)', value: `${num(q.systemPromptTokens, 0)} / ${num(q.contextTokens, 0)} / ${num(q.userTokens, 0)} / ${num(q.outputTokens, 0)}` },
    { label: 'Cache-Trefferquote System-Prompt', value: pct(s.api.cacheHitRate) },
    { label: 'Batch-Anteil', value: pct(s.api.batchShare) },
    { label: 'Wechselkurs', value: `${num(s.fx.usdPerEur, 4)} USD je EUR` }
  ];
  for (const r of s.api.routes) {
    list.push({
      label: `API-Route ${r.label} (Anteil ${pct(r.share)})`,
      value: `${num(r.price.inputPerMTok, 3)} / ${num(r.price.outputPerMTok, 3)} ${r.price.currency} je 1 Mio. Tokens (Ein-/Ausgabe)`,
      source: r.priceSource
    });
  }
  list.push({
    label: `Server ${sh.server.name}`,
    value: `${eur(sh.server.monthlyEur)} / Monat, Einrichtung ${eur(sh.server.setupEur)} über ${num(sh.server.amortizationMonths, 0)} Monate, ${sh.server.gpuCount} × ${sh.server.gpu.name} (${num(sh.server.gpu.vramGb, 0)} GB)`,
    source: sh.server.source
  });
  list.push({ label: `Modell ${sh.model.name}`, value: `${num(sh.model.paramsB, 1)} Mrd. Parameter, ${num(sh.model.bitsPerWeight, 2)} Bit je Gewicht (${sh.model.bitsSource})` });
  list.push({ label: 'Effizienz (Bandbreite / Rechenleistung)', value: `${pct(sh.efficiency.bandwidth)} / ${pct(sh.efficiency.compute)}`, source: 'Kalibrierung, docs/cost-model.md' });
  list.push({ label: 'Mindestgeschwindigkeit je Stream', value: `${num(sh.minTokensPerSecPerStream, 0)} Tokens/s` });
  return list;
}

const tierText = (t: Tier) => tierLabels[t] ?? `Tier ${t}`;

export function renderReportHtml(input: ReportInput): string {
  const { recommendation: rec, sim, runs } = input;
  const r = sim.result;
  const generated = new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(input.generatedAt));
  const counts = chartUserCounts(r.users, r.breakEvenUsers);
  const curve = costCurve(sim.resolved, counts);
  const chart = svgLineChart(
    [
      { label: 'API', color: '#1f3a5f', points: curve.map((p) => ({ x: p.users, y: p.apiEur })) },
      { label: 'Eigener Server (dediziert)', color: '#1a7f37', step: true, points: curve.map((p) => ({ x: p.users, y: p.selfHostedEur })) }
    ],
    {
      title: 'Monatliche Kosten nach Nutzerzahl',
      xLabel: 'Nutzer je Mandant',
      yLabel: 'EUR je Monat',
      formatX: (v) => nf(0).format(v),
      formatY: (v) => nf(0).format(v),
      marker: r.breakEvenUsers !== null ? { x: r.breakEvenUsers, label: `Break-even: ${nf(0).format(r.breakEvenUsers)} Nutzer` } : undefined
    }
  );
  const assumptions = [...scenarioAssumptions(sim), ...(input.assumptions ?? [])];
  const html: string[] = [];
  html.push(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${e(`Werkbank-Bericht – ${rec.profileName}`)}</title>`);
  html.push(`<meta name="viewport" content="width=device-width, initial-scale=1"><style>${REPORT_CSS}</style></head><body><article class="wb-report">`);
  html.push(`<header><h1>LLM-Routen und Kosten${input.customer ? ` für ${e(input.customer)}` : ''}</h1>`);
  html.push(`<p class="meta">Profil: <strong>${e(rec.profileName)}</strong> · Personenbezogene Daten: <strong>${rec.personalData ? 'ja' : 'nein'}</strong>${input.scenarioName ? ` · Szenario: ${e(input.scenarioName)}` : ''} · Erstellt am ${e(generated)} mit Werkbank</p></header>`);

  // 1. Recommendation
  html.push(`<section><h2>1. Empfehlung</h2>`);
  if (rec.primary) {
    html.push(`<p class="primary" data-testid="report-primary">Empfohlene Route: <strong>${e(rec.primary.name)}</strong> (<code>${e(rec.primary.route)}</code>, ${e(tierText(rec.primary.tier))})</p>`);
  } else {
    html.push(`<p class="primary warn">Für dieses Profil ist keine Route des Katalogs zulässig.</p>`);
  }
  if (rec.fallbackChain.length) {
    html.push(`<p>Ausweichkette (bei Ausfall oder Überlast, nur innerhalb der erlaubten Stufen):</p><ol>`);
    for (const f of rec.fallbackChain) html.push(`<li>${e(f.name)} (<code>${e(f.route)}</code>, ${e(tierText(f.tier))})</li>`);
    html.push(`</ol>`);
  }
  html.push(`<p>Erlaubte Stufen: ${rec.allowedTiers.map((t) => e(tierText(t))).join('; ') || '–'}</p>`);
  html.push(`<h3>Begründung</h3><ul>${rec.reasons.map((x) => `<li>${e(x)}</li>`).join('')}</ul>`);
  if (rec.warnings.length) html.push(`<h3>Hinweise</h3><ul>${rec.warnings.map((x) => `<li>${e(x)}</li>`).join('')}</ul>`);
  html.push(`<h3>Unterauftragsverarbeiter für den AV-Vertrag</h3>`);
  if (rec.subProcessorsByProvider.length) {
    html.push(`<table><thead><tr><th>Anbieter</th><th>Unterauftragsverarbeiter</th></tr></thead><tbody>`);
    for (const g of rec.subProcessorsByProvider) html.push(`<tr><td>${e(g.providerName)}</td><td>${g.subProcessors.map(e).join(', ') || '–'}</td></tr>`);
    html.push(`</tbody></table>`);
  } else html.push(`<p>Keine.</p>`);
  html.push(`</section>`);

  // 2. Measurements
  html.push(`<section><h2>2. Gemessene Qualität und Latenz</h2>`);
  if (runs.length === 0) {
    html.push(`<p class="muted">Für diesen Bericht wurden keine Messläufe ausgewählt.</p>`);
  } else {
    html.push(`<table data-testid="report-runs"><thead><tr><th>Route</th><th>Suite</th><th class="num">Score</th><th class="num">95%-KI</th><th class="num">TTFT p50</th><th class="num">TTFT p95</th><th class="num">€ je 1.000 Anfragen</th><th class="num">€ je gelöster Aufgabe</th></tr></thead><tbody>`);
    for (const s of runs) {
      html.push(
        `<tr><td>${e(s.targetId)}${s.synthetic ? ' <span class="badge">nur Geschwindigkeit, keine Qualität</span>' : ''}</td><td>${e(s.suiteId)}</td><td class="num">${pct(s.meanScore)}</td>` +
          `<td class="num">${s.scoreCiLow === null ? '–' : `${pct(s.scoreCiLow)} – ${pct(s.scoreCiHigh)}`}</td><td class="num">${s.ttftMsP50 === null ? '–' : `${num(s.ttftMsP50, 0)} ms`}</td>` +
          `<td class="num">${s.ttftMsP95 === null ? '–' : `${num(s.ttftMsP95, 0)} ms`}</td><td class="num">${eur(s.eurPer1kRequests, 4)}</td><td class="num">${eur(s.eurPerSolvedItem, 4)}</td></tr>`
      );
    }
    html.push(`</tbody></table><p class="muted">Score: Anteil gelöster Aufgaben bzw. Metrik der Suite; Intervall aus Bootstrap über die Items.</p>`);
  }
  html.push(`</section>`);

  // 3. Costs
  html.push(`<section class="page-break"><h2>3. Monatliche Kosten je Option</h2>`);
  html.push(`<table data-testid="report-costs"><thead><tr><th>Option</th><th class="num">je Monat</th><th class="num">je Nutzer und Monat</th><th>Anmerkung</th></tr></thead><tbody>`);
  html.push(`<tr><td>API (Routing-Mix)</td><td class="num">${eur(r.api.monthlyEur)}</td><td class="num">${eur(r.api.perUserEur)}</td><td>${num(r.requestsPerMonth, 0)} Anfragen/Monat, ${eur(r.api.eurPerRequest, 5)} je Anfrage</td></tr>`);
  for (const rc of r.api.routes) html.push(`<tr class="sub"><td>– ${e(rc.label)} (${pct(rc.share)})</td><td class="num">${eur(rc.monthlyEur)}</td><td></td><td>${rc.cached ? 'mit Prompt-Cache' : 'ohne Cache'}</td></tr>`);
  const sh = r.selfHosted;
  html.push(
    `<tr><td>Eigener Server (${e(sim.resolved.selfHosted.server.name)}, ${e(sim.resolved.selfHosted.model.name)})</td><td class="num">${eur(sh.monthlyEur)}</td><td class="num">${eur(sh.perUserEur)}</td>` +
      `<td>${sh.fits ? `${num(sh.servers, 0)} Server, ${num(sh.streamsPerServer, 0)} parallele Streams je Server, Kapazität nach ${sh.capacity.method === 'measured' ? 'Messkurve' : 'Roofline-Modell'}` : e(sh.reason ?? 'Modell passt nicht')}</td></tr>`
  );
  html.push(`<tr><td>Gemeinsamer Pool (${num(r.sharedPool.tenants, 0)} Mandanten)</td><td class="num">${eur(r.sharedPool.perTenantMonthlyEur)}</td><td class="num">${eur(r.sharedPool.perUserEur)}</td><td>Anteil je Mandant</td></tr>`);
  html.push(`</tbody></table>`);
  html.push(
    `<p class="breakeven" data-testid="report-break-even">Break-even: ${r.breakEvenUsers === null ? `<strong>kein Break-even</strong> bis ${nf(0).format(100000)} Nutzer${r.breakEvenReason ? ` (${e(r.breakEvenReason)})` : ''}` : `<strong>${nf(0).format(r.breakEvenUsers)} Nutzer</strong> je Mandant – ab hier ist der eigene Server günstiger als die API`}.</p>`
  );
  html.push(`<figure>${chart}<figcaption>Monatliche Kosten: API gegen eigenen Server (Stufen = zusätzliche Server bei Spitzenlast).</figcaption></figure>`);
  if (sim.verdict.length) {
    html.push(`<h3>Aussagen des Strategiepapiers unter diesen Annahmen</h3><ul>`);
    const label: Record<string, string> = { holds: 'trifft zu', roughly: 'trifft ungefähr zu', fails: 'trifft nicht zu', unknown: 'nicht bestimmbar' };
    for (const v of sim.verdict) html.push(`<li><strong>${e(v.claim)}</strong>: ${e(label[v.status] ?? v.status)}. ${e(v.explanation)}</li>`);
    html.push(`</ul>`);
  }
  html.push(`</section>`);

  // 4. Assumptions
  html.push(`<section><h2>4. Annahmen, Quellen und Stand</h2><table><thead><tr><th>Annahme</th><th>Wert</th><th>Quelle / Stand</th></tr></thead><tbody>`);
  for (const a of assumptions) html.push(`<tr><td>${e(a.label)}</td><td>${e(a.value)}</td><td>${e([a.source, a.asOf].filter(Boolean).join(', ') || 'Szenario')}</td></tr>`);
  html.push(`</tbody></table></section>`);

  // 5. Rechenweg
  html.push(`<section class="page-break"><h2>5. Rechenweg</h2><table><thead><tr><th>Schritt</th><th>Formel</th><th>Eingesetzt</th></tr></thead><tbody>`);
  for (const st of sim.steps) html.push(`<tr><td>${e(st.title)}</td><td><code>${e(st.formula)}</code></td><td>${e(st.filled)}</td></tr>`);
  html.push(`</tbody></table></section>`);
  html.push(`<footer><p class="muted">Alle Beträge netto in EUR. Preise und Kennzahlen mit Quelle und Stand; Abweichungen der Anbieterpreise sind möglich. Synthetische Modelle messen nur Geschwindigkeit, keine Qualität.</p></footer>`);
  html.push(`</article></body></html>`);
  return html.join('\n');
}

/** Body of the report only (for embedding into the app page). */
export function reportBody(html: string): { css: string; body: string } {
  const body = html.slice(html.indexOf('<article'), html.lastIndexOf('</article>') + '</article>'.length);
  return { css: REPORT_CSS, body };
}

export const REPORT_CSS = `
.wb-report { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1f24; max-width: 190mm; margin: 0 auto; line-height: 1.4; font-size: 10.5pt; }
.wb-report h1 { font-size: 18pt; margin: 0 0 4pt; color: #1f3a5f; }
.wb-report h2 { font-size: 13pt; margin: 14pt 0 6pt; color: #1f3a5f; border-bottom: 1px solid #d8dde3; }
.wb-report h3 { font-size: 11pt; margin: 10pt 0 4pt; }
.wb-report table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
.wb-report th, .wb-report td { border-bottom: 1px solid #d8dde3; padding: 3pt 5pt; text-align: left; vertical-align: top; }
.wb-report th { background: #f3f5f8; }
.wb-report td.num, .wb-report th.num { text-align: right; font-variant-numeric: tabular-nums; }
.wb-report tr.sub td { color: #5b6570; }
.wb-report .meta, .wb-report .muted { color: #5b6570; }
.wb-report .primary { font-size: 12pt; }
.wb-report .breakeven { font-size: 12pt; }
.wb-report .badge { background: #fff8c5; color: #9a6700; padding: 0 4pt; border-radius: 3pt; font-size: 8.5pt; }
.wb-report figure { margin: 8pt 0; break-inside: avoid; }
.wb-report figcaption { color: #5b6570; font-size: 9pt; }
.wb-report code { font-size: 9pt; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  .wb-report { max-width: none; }
  .wb-report .page-break { break-before: page; }
  .wb-report table, .wb-report figure, .wb-report tr { break-inside: avoid; }
}`;
