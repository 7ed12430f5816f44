import type { messagingApi } from '@line/bot-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePostback } from '../helpers/postbacks.js';
import { understand } from '../../src/bot/understand.js';
import { DEMO_RICH_MENU } from '../../src/demo/demo-rich-menu.js';
import { richMenuDesignHtml } from '../../src/richmenu/design.js';
import { MAIN_MENU, MENU_SIZE, MENU_TILES } from '../../src/richmenu/main-menu.js';
import { expectLineValid } from '../helpers/line-contract.js';
import { shippedSearch, type ShippedSearch } from '../helpers/shipped-search.js';

let shipped: ShippedSearch;
beforeAll(async () => {
  shipped = await shippedSearch();
});

/** What the bot makes of an area's action: the postback it parses, or the intent of the text. */
function botReads(action: messagingApi.Action): string {
  if (action.type === 'postback') return `postback:${parsePostback(action.data ?? '')?.a ?? 'EXPIRED'}`;
  if (action.type !== 'message') return `unsupported:${action.type}`;
  const u = understand(action.text ?? '', shipped.index);
  return u.intent === 'status' ? `status:${u.receipt ?? 'no receipt'}` : u.intent;
}

describe('the rich menu definition', () => {
  it('when the menu is checked against the LINE contract, then /v2/bot/richmenu accepts it', () => {
    expectLineValid('/v2/bot/richmenu', MAIN_MENU);
    expect(MAIN_MENU.chatBarText.length).toBeLessThanOrEqual(14);
    for (const area of MAIN_MENU.areas) expect(area.action.label!.length).toBeLessThanOrEqual(20);
  });

  it('when the six areas are laid over the 2500×843 image, then they cover it exactly, with no gap or overlap', () => {
    expect(MAIN_MENU.size).toEqual({ width: 2500, height: 843 });
    expect(MAIN_MENU.areas.map((a) => a.action.label)).toEqual([
      'ถามคำถาม',
      'มาตรการ',
      'ประกาศ/ข่าวล่าสุด',
      'แจ้งเบาะแส',
      'ตั้งค่าการรับข่าว',
      'สถานะเรื่อง',
    ]);
    const rects = MAIN_MENU.areas.map((a) => a.bounds);
    expect(rects.reduce((sum, r) => sum + r.width * r.height, 0)).toBe(MENU_SIZE.width * MENU_SIZE.height);
    for (const [i, a] of rects.entries()) {
      expect(a.x + a.width).toBeLessThanOrEqual(MENU_SIZE.width);
      expect(a.y + a.height).toBeLessThanOrEqual(MENU_SIZE.height);
      for (const b of rects.slice(i + 1)) {
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap).toBe(false);
      }
    }
  });

  it('when a resident taps each area, then the bot understands what LINE sends it', () => {
    expect(MAIN_MENU.areas.map((a) => botReads(a.action))).toEqual([
      'postback:help',
      'postback:measures',
      'latest',
      'tip',
      'postback:topics',
      'status:no receipt',
    ]);
    // A postback area shows the resident's side as text, like a typed message
    for (const area of MAIN_MENU.areas)
      if (area.action.type === 'postback') expect(area.action.displayText).toBe(area.action.label);
  });

  it("when the demo page draws the menu, then it is the same menu with the image's icons and colours", () => {
    const { icons, colors, ...menu } = DEMO_RICH_MENU;
    expect(menu).toEqual(MAIN_MENU);
    expect(icons).toHaveLength(6);
    expect(colors).toEqual(MENU_TILES.map((t) => t.color));
  });

  it('when the design is built, then it is self-contained HTML of the image size holding every label', () => {
    const html = richMenuDesignHtml();
    expect(html).toContain('width: 2500px; height: 843px');
    for (const tile of MENU_TILES) expect(html).toContain(`>${tile.label}<`);
    // Nothing to fetch: no web fonts, images, links or scripts
    expect(html).not.toMatch(/https?:|url\(|@import|<link|<img|<script|src=/i);
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
  });
});
