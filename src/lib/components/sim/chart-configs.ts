// Chart.js configurations for the simulator page (cost vs users with break-even, cost per route,
// tornado of break-even users, Monte Carlo band). Pure functions of the model results; de-DE ticks.
import type { ChartConfiguration } from 'chart.js';
import type { MonteCarloResult, TornadoBar } from '$lib/core/sim';

const nf0 = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const nf2 = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });
const eur = (v: number) => `${nf2.format(v)} €`;

export function costVsUsersConfig(curve: { users: number; apiEur: number; selfHostedEur: number | null; sharedPoolPerTenantEur: number | null }[], breakEven: number | null, breakEvenEur: number | null, currentUsers: number): ChartConfiguration {
  return {
    type: 'line',
    data: {
      datasets: [
        { label: 'API', data: curve.map((p) => ({ x: p.users, y: p.apiEur })), borderColor: '#1f3a5f', backgroundColor: '#1f3a5f', pointRadius: 0, borderWidth: 2 },
        { label: 'Eigener Server (dediziert)', data: curve.filter((p) => p.selfHostedEur !== null).map((p) => ({ x: p.users, y: p.selfHostedEur as number })), borderColor: '#b42318', backgroundColor: '#b42318', pointRadius: 0, borderWidth: 2, stepped: 'before' },
        { label: 'Geteilter Pool (je Mandant)', data: curve.filter((p) => p.sharedPoolPerTenantEur !== null).map((p) => ({ x: p.users, y: p.sharedPoolPerTenantEur as number })), borderColor: '#9a6700', backgroundColor: '#9a6700', pointRadius: 0, borderWidth: 1.5, borderDash: [5, 4], stepped: 'before' },
        ...(breakEven !== null && breakEvenEur !== null
          ? [{ type: 'scatter' as const, label: `Break-even: ${nf0.format(breakEven)} Nutzer`, data: [{ x: breakEven, y: breakEvenEur }], pointRadius: 7, pointStyle: 'rectRot', backgroundColor: '#1a7f37', borderColor: '#1a7f37' }]
          : []),
        { type: 'scatter' as const, label: 'Aktuelle Nutzerzahl', data: [{ x: currentUsers, y: curve.find((p) => p.users >= currentUsers)?.apiEur ?? 0 }], pointRadius: 5, backgroundColor: '#5b6570', borderColor: '#5b6570' }
      ]
    },
    options: {
      parsing: false,
      scales: {
        x: { type: 'linear', title: { display: true, text: 'Nutzer je Mandant' }, ticks: { callback: (v) => nf0.format(Number(v)) } },
        y: { type: 'linear', beginAtZero: true, title: { display: true, text: 'EUR pro Monat' }, ticks: { callback: (v) => eur(Number(v)) } }
      },
      plugins: { tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${eur(ctx.parsed.y ?? 0)} bei ${nf0.format(ctx.parsed.x ?? 0)} Nutzern` } } }
    }
  };
}

export function routeCostConfig(routes: { label: string; monthlyEur: number }[]): ChartConfiguration {
  return {
    type: 'bar',
    data: { labels: routes.map((r) => r.label), datasets: [{ label: 'EUR pro Monat', data: routes.map((r) => r.monthlyEur), backgroundColor: '#1f3a5f' }] },
    options: {
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, ticks: { callback: (v) => eur(Number(v)) } } },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (ctx) => eur(Number(ctx.parsed.x)) } } }
    }
  };
}

/** Floating bars [−20 %, +20 %] of break-even users around the base; "nie" bars drawn to the axis end. */
export function tornadoConfig(bars: TornadoBar[], base: number | null): ChartConfiguration {
  const shown = bars.filter((b) => b.swing > 0).slice(0, 12);
  const finite = shown.flatMap((b) => [b.lowBreakEven, b.highBreakEven]).filter((v): v is number => v !== null);
  const cap = Math.max(base ?? 0, ...finite, 1) * 1.15;
  const val = (v: number | null) => (v === null ? cap : v);
  return {
    type: 'bar',
    data: {
      labels: shown.map((b) => b.label),
      datasets: [
        { label: '−20 %', data: shown.map((b) => [base ?? cap, val(b.lowBreakEven)] as [number, number]), backgroundColor: 'rgba(31,58,95,0.75)' },
        { label: '+20 %', data: shown.map((b) => [base ?? cap, val(b.highBreakEven)] as [number, number]), backgroundColor: 'rgba(180,35,24,0.6)' }
      ]
    },
    options: {
      indexAxis: 'y',
      scales: { x: { stacked: false, min: 0, title: { display: true, text: 'Break-even (Nutzer)' }, ticks: { callback: (v) => nf0.format(Number(v)) } }, y: { stacked: true } },
      plugins: {
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const b = shown[ctx.dataIndex];
              const v = ctx.datasetIndex === 0 ? b.lowBreakEven : b.highBreakEven;
              return `${ctx.dataset.label}: ${v === null ? 'nie' : `${nf0.format(v)} Nutzer`}`;
            }
          }
        }
      }
    }
  };
}

export function monteCarloConfig(mc: MonteCarloResult): ChartConfiguration {
  const pts = (f: (b: MonteCarloResult['band'][number]) => number | null) => mc.band.filter((b) => f(b) !== null).map((b) => ({ x: b.users, y: f(b) as number }));
  return {
    type: 'line',
    data: {
      datasets: [
        { label: 'API p10', data: pts((b) => b.apiP10), borderColor: 'rgba(31,58,95,0.4)', pointRadius: 0, fill: false },
        { label: 'API p10–p90', data: pts((b) => b.apiP90), borderColor: 'rgba(31,58,95,0.4)', backgroundColor: 'rgba(31,58,95,0.15)', pointRadius: 0, fill: '-1' },
        { label: 'API p50', data: pts((b) => b.apiP50), borderColor: '#1f3a5f', pointRadius: 0, borderWidth: 2 },
        { label: 'Server p10', data: pts((b) => b.selfP10), borderColor: 'rgba(180,35,24,0.4)', pointRadius: 0, fill: false, stepped: 'before' },
        { label: 'Server p10–p90', data: pts((b) => b.selfP90), borderColor: 'rgba(180,35,24,0.4)', backgroundColor: 'rgba(180,35,24,0.15)', pointRadius: 0, fill: '-1', stepped: 'before' },
        { label: 'Server p50', data: pts((b) => b.selfP50), borderColor: '#b42318', pointRadius: 0, borderWidth: 2, stepped: 'before' }
      ]
    },
    options: {
      parsing: false,
      scales: {
        x: { type: 'linear', title: { display: true, text: 'Nutzer je Mandant' }, ticks: { callback: (v) => nf0.format(Number(v)) } },
        y: { type: 'linear', beginAtZero: true, title: { display: true, text: 'EUR pro Monat' }, ticks: { callback: (v) => eur(Number(v)) } }
      },
      plugins: { tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${eur(ctx.parsed.y ?? 0)}` } } }
    }
  };
}
