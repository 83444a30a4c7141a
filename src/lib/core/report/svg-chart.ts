// Minimal SVG line chart for printable, self-contained reports (no script, no external requests).
import { escapeHtml } from './escape';

export interface SvgSeries {
  label: string;
  color: string;
  points: { x: number; y: number | null }[];
  /** Draw as a step curve (value holds until the next x). */
  step?: boolean;
  dashed?: boolean;
}

export interface SvgChartOptions {
  width?: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  /** Vertical marker (e.g. the break-even). */
  marker?: { x: number; label: string };
  formatX?: (v: number) => string;
  formatY?: (v: number) => string;
  title: string;
}

function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

export function svgLineChart(series: SvgSeries[], o: SvgChartOptions): string {
  const width = o.width ?? 720;
  const height = o.height ?? 320;
  const m = { left: 78, right: 16, top: 28, bottom: 48 };
  const fx = o.formatX ?? ((v: number) => String(v));
  const fy = o.formatY ?? ((v: number) => String(v));
  const xs = series.flatMap((s) => s.points.map((p) => p.x)).filter(Number.isFinite);
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0 || ys.length === 0) return `<p class="muted">${escapeHtml(o.title)}: keine Daten</p>`;
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const yMax = Math.max(...ys) * 1.05 || 1;
  const sx = (x: number) => m.left + ((x - xMin) / (xMax - xMin || 1)) * (width - m.left - m.right);
  const sy = (y: number) => height - m.bottom - (y / yMax) * (height - m.top - m.bottom);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(o.title)}" font-family="sans-serif" font-size="11">`);
  parts.push(`<title>${escapeHtml(o.title)}</title>`);
  for (const t of niceTicks(0, yMax)) {
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${sy(t).toFixed(1)}" y2="${sy(t).toFixed(1)}" stroke="#e3e7ec"/>`);
    parts.push(`<text x="${m.left - 6}" y="${(sy(t) + 4).toFixed(1)}" text-anchor="end">${escapeHtml(fy(t))}</text>`);
  }
  for (const t of niceTicks(xMin, xMax, 8)) {
    parts.push(`<text x="${sx(t).toFixed(1)}" y="${height - m.bottom + 16}" text-anchor="middle">${escapeHtml(fx(t))}</text>`);
  }
  parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="#5b6570"/>`);
  parts.push(`<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${height - m.bottom}" stroke="#5b6570"/>`);
  parts.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - 8}" text-anchor="middle">${escapeHtml(o.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(o.yLabel)}</text>`);
  for (const s of series) {
    const segs: string[] = [];
    let prev: { x: number; y: number } | null = null;
    for (const p of s.points) {
      if (p.y === null || !Number.isFinite(p.y)) {
        prev = null;
        continue;
      }
      const X = sx(p.x);
      const Y = sy(p.y);
      if (!prev) segs.push(`M${X.toFixed(1)},${Y.toFixed(1)}`);
      else if (s.step) segs.push(`H${X.toFixed(1)}V${Y.toFixed(1)}`);
      else segs.push(`L${X.toFixed(1)},${Y.toFixed(1)}`);
      prev = { x: X, y: Y };
    }
    parts.push(`<path d="${segs.join('')}" fill="none" stroke="${escapeHtml(s.color)}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
  }
  if (o.marker && Number.isFinite(o.marker.x) && o.marker.x >= xMin && o.marker.x <= xMax) {
    const X = sx(o.marker.x).toFixed(1);
    parts.push(`<line x1="${X}" x2="${X}" y1="${m.top}" y2="${height - m.bottom}" stroke="#b42318" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${X}" y="${m.top - 8}" text-anchor="middle" fill="#b42318">${escapeHtml(o.marker.label)}</text>`);
  }
  let lx = m.left + 8;
  for (const s of series) {
    parts.push(`<rect x="${lx}" y="${m.top + 4}" width="14" height="3" fill="${escapeHtml(s.color)}"/>`);
    parts.push(`<text x="${lx + 18}" y="${m.top + 9}">${escapeHtml(s.label)}</text>`);
    lx += 26 + s.label.length * 6.2;
  }
  parts.push('</svg>');
  return parts.join('');
}
