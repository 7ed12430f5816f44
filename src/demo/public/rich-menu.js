// The rich menu under the input: the installed menu's image with tappable areas, or (when
// none is installed) the bot's own menu drawn in HTML, with the icons of its image.
import { escapeHtml } from './flex-render.js';

const PATH_DATA = /^[MmLlHhVvCcSsQqTtAaZz0-9.,\s-]+$/;
const COLOR = /^#[0-9a-f]{6}$/i;

/**
 * HTML of `menu` (a LINE rich menu object plus `image`, a URL or null, and for the drawn
 * menu `icons`, SVG path data, and `colors` per area); `api` resolves URLs.
 */
export function richMenuHtml(menu, api) {
  const { width, height } = menu.size;
  const pct = (v, of) => `${((v / of) * 100).toFixed(3)}%`;
  const areas = menu.areas.map((a, i) => {
    const color = menu.image || !COLOR.test(menu.colors?.[i] ?? '') ? '' : `;background:${menu.colors[i]}`;
    const pos = `left:${pct(a.bounds.x, width)};top:${pct(a.bounds.y, height)};width:${pct(a.bounds.width, width)};height:${pct(a.bounds.height, height)}${color}`;
    const label = escapeHtml(a.action.label ?? a.action.text ?? '');
    const icon = menu.icons?.[i];
    const svg =
      typeof icon === 'string' && PATH_DATA.test(icon)
        ? `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="${icon}"/></svg>`
        : '';
    const face = menu.image ? '' : `${svg}<span>${label}</span>`;
    return `<button type="button" class="rm-area${menu.image ? '' : ' drawn'}" style="${pos}" aria-label="${label}" data-action="${escapeHtml(JSON.stringify(a.action))}">${face}</button>`;
  });
  const image = menu.image ? `<img alt="" src="${escapeHtml(api(menu.image))}">` : '';
  return `<div class="rm-frame" style="aspect-ratio:${width} / ${height}">${image}${areas.join('')}</div>`;
}
