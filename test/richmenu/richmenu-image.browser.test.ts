import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { imageSize } from '../../src/demo/stand-in-richmenu.js';
import { richMenuDesignHtml } from '../../src/richmenu/design.js';
import { MENU_SIZE, MENU_TILES, tileBounds } from '../../src/richmenu/main-menu.js';
import { renderHtmlToImage } from '../../src/richmenu/render-image.js';
import { artifact, launchChromium, type Page } from '../helpers/browser.js';

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);

const INSET = 14;
const BACKGROUND = '#e7efe9';
const hex = (rgb: number[]) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** A fresh 2500 × 843 page holding `html`. */
async function pageWith(html: string): Promise<Page> {
  const context = await browser!.newContext({ viewport: MENU_SIZE, deviceScaleFactor: 1, locale: 'th-TH' });
  const page = await context.newPage();
  await page.setContent(html);
  return page;
}

describe.skipIf(!browser)('the rich menu image, drawn by chromium', () => {
  afterAll(async () => {
    await browser?.close();
  });

  it('when the design is rendered, then it is a 2500×843 PNG under 1 MB whose cards sit on the tappable areas in their colours', async () => {
    const image = await renderHtmlToImage(richMenuDesignHtml(), MENU_SIZE);
    fs.writeFileSync(artifact('richmenu-rendered.png'), image.data);
    expect(image.contentType).toBe('image/png');
    expect(imageSize(image.data)).toEqual({ width: 2500, height: 843 });
    expect(image.data.length).toBeLessThanOrEqual(1024 * 1024);

    // Read the pixels back: inside each card its colour, in the gap the background
    const points = MENU_TILES.flatMap((_, i) => {
      const b = tileBounds(i);
      return [
        [b.x + INSET + 20, b.y + INSET + 60],
        [b.x + 5, b.y + 5],
      ];
    });
    const page = await pageWith('<canvas id="c" width="2500" height="843"></canvas>');
    const src = `data:image/png;base64,${image.data.toString('base64')}`;
    const pixels = await page.evaluate(
      async ({ src, points }) => {
        const w = globalThis as any;
        const img = new w.Image();
        img.src = src;
        await img.decode();
        const ctx = w.document.getElementById('c').getContext('2d');
        ctx.drawImage(img, 0, 0);
        return points.map(([x, y]: number[]) => Array.from<number>(ctx.getImageData(x, y, 1, 1).data.slice(0, 3)));
      },
      { src, points },
    );
    expect(pixels.map(hex)).toEqual(MENU_TILES.flatMap((t) => [t.color, BACKGROUND]));
    await page.context().close();
  });

  it('when the design is laid out, then each card fills its area, every label and hint fits, and Thai is drawn with a Thai font', async () => {
    const page = await pageWith(richMenuDesignHtml());
    const tiles = await page.evaluate(() =>
      [...(globalThis as any).document.querySelectorAll('.tile')].map((tile: any) => {
        const r = tile.getBoundingClientRect();
        const parts = [...tile.querySelectorAll('.badge, .label, .hint')].map((el: any) => {
          const q = el.getBoundingClientRect();
          return {
            inside: q.left >= r.left && q.right <= r.right && q.top >= r.top && q.bottom <= r.bottom,
            overflow: el.scrollWidth > el.clientWidth,
          };
        });
        return { rect: [r.left, r.top, r.width, r.height], parts, text: tile.innerText.replace(/\s+/g, ' ').trim() };
      }),
    );
    expect(tiles.map((t) => t.text)).toEqual(MENU_TILES.map((t) => `${t.label} ${t.hint}`));
    tiles.forEach((t, i) => {
      const b = tileBounds(i);
      expect(t.rect).toEqual([b.x + INSET, b.y + INSET, b.width - 2 * INSET, b.height - 2 * INSET]);
      expect(t.parts).toEqual([
        { inside: true, overflow: false },
        { inside: true, overflow: false },
        { inside: true, overflow: false },
      ]);
    });

    // Which fonts chromium drew each text with: a Thai system font, never a fallback box
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '.label, .hint' });
    expect(nodeIds).toHaveLength(12);
    for (const nodeId of nodeIds as number[]) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      expect((fonts as { familyName: string }[]).map((f) => f.familyName)).toEqual(['Loma']);
    }
    await page.context().close();
  });
});
