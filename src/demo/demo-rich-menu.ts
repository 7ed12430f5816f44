import { installRichMenu, richMenuClients } from '../richmenu/install-rich-menu.js';
import { ICONS } from '../richmenu/icons.js';
import { MAIN_MENU, MENU_TILES } from '../richmenu/main-menu.js';
import { loadMenuImage } from '../richmenu/menu-image-file.js';
import type { LineStandIn } from './line-stand-in.js';

/**
 * The menu the chat page draws in HTML while no rich menu is installed into the LINE stand-in:
 * the bot's own menu (src/richmenu/main-menu.ts) with the icons and colours of its image, so
 * the areas, labels and actions are exactly those `npm run richmenu` installs on LINE.
 */
export const DEMO_RICH_MENU = {
  ...MAIN_MENU,
  icons: MENU_TILES.map((tile) => ICONS[tile.icon] as string),
  colors: MENU_TILES.map((tile) => tile.color),
};

/**
 * Demo mode: when `npm run richmenu` has rendered the current menu's image into DATA_DIR,
 * installs it into the stand-in through the API, as on LINE, so the page shows that image.
 * Never throws: returns the line `npm start` prints about the menu.
 */
export async function installRenderedMenu(standIn: LineStandIn, token: string, dataDir: string): Promise<string> {
  try {
    const image = await loadMenuImage(dataDir);
    if (!image) return 'drawn by the page (`npm run richmenu` renders its image; the next start shows it)';
    const clients = richMenuClients({
      channelAccessToken: token,
      apiBaseUrl: standIn.url,
      dataApiBaseUrl: standIn.url,
    });
    await installRichMenu(clients, MAIN_MENU, image);
    return 'the image `npm run richmenu` rendered, installed into the stand-in as on LINE';
  } catch (err) {
    return `drawn by the page (the rendered image was not installed: ${(err as Error).message})`;
  }
}
