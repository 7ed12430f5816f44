import { bangkokParts, THAI_MONTHS_SHORT } from '../../thai/date.js';
import { html } from '../html.js';

const W = 720;
const H = 260;
const PAD = { left: 44, right: 12, top: 16, bottom: 46 };
const COLOURS = { answered: '#0b6e4f', unanswered: '#f79009', axis: '#52606d', grid: '#e4e7eb' };

/** A round axis maximum: 1, 2, 5 × 10^n at or above `n`. */
function niceMax(n: number): number {
  if (n <= 4) return 4;
  const base = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * base).find((m) => m >= n)!;
}

const dayLabel = (iso: string) => {
  const p = bangkokParts(new Date(iso));
  return `${p.day} ${THAI_MONTHS_SHORT[p.month - 1]}`;
};

/**
 * Questions per week as stacked bars (answered below, unanswered above), drawn on the server
 * as SVG: no script, prints crisply, and colours are attributes (no style attribute for the CSP).
 */
export function weeklyChart(weeks: Array<{ from: string; asked: number; answered: number }>) {
  const max = niceMax(Math.max(0, ...weeks.map((w) => w.asked)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, weeks.length);
  const barW = Math.max(4, slot * 0.66);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const ticks = max % 2 === 0 ? [0, max / 2, max] : [0, max];
  const summary = weeks.map((w) => `${dayLabel(w.from)}: ถาม ${w.asked} ตอบได้ ${w.answered}`).join(', ');
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="คำถามรายสัปดาห์" xmlns="http://www.w3.org/2000/svg">
<title>คำถามรายสัปดาห์: ${summary}</title>
${ticks.map((t) => html`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(t)}" y2="${y(t)}" stroke="${COLOURS.grid}"/><text x="${PAD.left - 6}" y="${y(t) + 5}" text-anchor="end" font-size="13" fill="${COLOURS.axis}">${t}</text>`)}
${weeks.map((w, i) => {
    const x = PAD.left + i * slot + (slot - barW) / 2;
    return html`<g data-week="${i + 1}" data-asked="${w.asked}" data-answered="${w.answered}">
<rect x="${x.toFixed(1)}" y="${y(w.answered).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(0) - y(w.answered)).toFixed(1)}" fill="${COLOURS.answered}"/>
<rect x="${x.toFixed(1)}" y="${y(w.asked).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(w.answered) - y(w.asked)).toFixed(1)}" fill="${COLOURS.unanswered}"/>
${w.asked > 0 ? html`<text x="${(x + barW / 2).toFixed(1)}" y="${(y(w.asked) - 4).toFixed(1)}" text-anchor="middle" font-size="12" fill="#1f2933">${w.asked}</text>` : ''}
<text x="${(x + barW / 2).toFixed(1)}" y="${H - PAD.bottom + 18}" text-anchor="middle" font-size="11" fill="${COLOURS.axis}">${dayLabel(w.from)}</text>
</g>`;
  })}
<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(0)}" y2="${y(0)}" stroke="${COLOURS.axis}"/>
<text x="${PAD.left}" y="${H - 8}" font-size="12" fill="${COLOURS.axis}">สัปดาห์ที่เริ่มวันจันทร์ (วันแรกของแต่ละแท่ง)</text>
</svg>`;
}
