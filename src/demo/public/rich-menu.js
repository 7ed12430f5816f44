// The rich menu under the input: the installed menu's image with tappable areas, or (when
// none is installed) the same six areas drawn in HTML.
import { escapeHtml } from './flex-render.js';

const ICONS = ['M4 5h16v10H9l-5 4z', 'M6 3h12v18H6zM9 8h6M9 12h6M9 16h4', 'M4 10l12-5v14L4 14zM16 9h3v6h-3', 'M11 4a6 6 0 1 1 0 12a6 6 0 1 1 0-12zM15.5 15.5L20 20', 'M12 3a6 6 0 0 1 6 6v5l2 3H4l2-3V9a6 6 0 0 1 6-6zM10 20h4', 'M5 4h14v16H5zM8 9l2 2 4-4M8 15h8'];

/** HTML of `menu` (a LINE rich menu object plus `image`, a URL or null); `api` resolves URLs. */
export function richMenuHtml(menu, api) {
  const { width, height } = menu.size;
  const pct = (v, of) => `${((v / of) * 100).toFixed(3)}%`;
  const areas = menu.areas.map((a, i) => {
    const pos = `left:${pct(a.bounds.x, width)};top:${pct(a.bounds.y, height)};width:${pct(a.bounds.width, width)};height:${pct(a.bounds.height, height)}`;
    const label = escapeHtml(a.action.label ?? a.action.text ?? '');
    const face = menu.image ? '' : `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="${ICONS[i % ICONS.length]}"/></svg><span>${label}</span>`;
    return `<button type="button" class="rm-area${menu.image ? '' : ' drawn'}" style="${pos}" aria-label="${label}" data-action="${escapeHtml(JSON.stringify(a.action))}">${face}</button>`;
  });
  const image = menu.image ? `<img alt="" src="${escapeHtml(api(menu.image))}">` : '';
  return `<div class="rm-frame" style="aspect-ratio:${width} / ${height}">${image}${areas.join('')}</div>`;
}
