import { escapeHtml } from '../http/html.js';
import { ICONS } from './icons.js';
import { MENU_SIZE, MENU_TILES, tileBounds, type MenuTile } from './main-menu.js';

/**
 * Thai fonts installed with the system (Debian: fonts-thai-tlwg); looped Thai letters read
 * best for older eyes. Nothing is fetched: no web fonts, no images, no links.
 */
const THAI_FONTS = "'Loma', 'Garuda', 'Noto Sans Thai', 'Leelawadee UI', 'Thonburi', sans-serif";

/** Gap around each tile's card, in image pixels. */
const INSET = 14;

function tileHtml(tile: MenuTile, index: number): string {
  const b = tileBounds(index);
  const pos = `left:${b.x + INSET}px;top:${b.y + INSET}px;width:${b.width - 2 * INSET}px;height:${b.height - 2 * INSET}px;background:${tile.color}`;
  return [
    `<div class="tile" data-index="${index}" style="${pos}">`,
    `<div class="badge"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="${ICONS[tile.icon]}"/></svg></div>`,
    `<div class="label">${escapeHtml(tile.label)}</div>`,
    `<div class="hint">${escapeHtml(tile.hint)}</div>`,
    `</div>`,
  ].join('');
}

/**
 * The rich menu image as a self-contained HTML page of exactly 2500 × 843 CSS pixels: a card
 * per tile at the tile's tappable bounds, an icon drawn in SVG, the label large and clear.
 */
export function richMenuDesignHtml(tiles: readonly MenuTile[] = MENU_TILES): string {
  const { width, height } = MENU_SIZE;
  return `<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>
  html, body { margin: 0; width: ${width}px; height: ${height}px; overflow: hidden; }
  body { position: relative; background: #e7efe9; font-family: ${THAI_FONTS}; -webkit-font-smoothing: antialiased; }
  .tile { position: absolute; box-sizing: border-box; display: flex; flex-direction: column; align-items: center; justify-content: center;
    padding: 0 14px; border-radius: 36px; color: #fff; text-align: center; box-shadow: inset 0 -10px 0 rgba(0, 0, 0, 0.12); }
  .badge { display: grid; place-items: center; width: 150px; height: 150px; margin-bottom: 14px; border-radius: 50%; background: rgba(255, 255, 255, 0.18); }
  .badge svg { width: 100px; height: 100px; fill: none; stroke: #fff; stroke-width: 1.9; stroke-linecap: round; stroke-linejoin: round; }
  .label { font-size: 90px; font-weight: 700; line-height: 1.3; white-space: nowrap; }
  .hint { margin-top: 4px; font-size: 54px; line-height: 1.35; white-space: nowrap; opacity: 0.92; }
</style>
</head>
<body>
${tiles.map(tileHtml).join('\n')}
</body>
</html>
`;
}
