import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLEX_TEMPLATES_DIR } from '../../../src/paths.js';
import { renderFlex } from '../../../src/http/public/flex-render.js';
import { renderMessage, renderQuickReply } from '../../../src/http/public/message-render.js';

function templates(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? templates(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : [],
    );
}

/** Renders and fails the test on any component the renderer does not know. */
function render(container: unknown): string {
  const unknown: string[] = [];
  const html = renderFlex(container, { unknown });
  expect(unknown).toEqual([]);
  return html;
}

const bubble = (body: unknown, extra: Record<string, unknown> = {}) => ({ type: 'bubble', body, ...extra });
const vbox = (contents: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'box',
  layout: 'vertical',
  contents,
  ...extra,
});
const text = (t: string, extra: Record<string, unknown> = {}) => ({ type: 'text', text: t, ...extra });

describe('flex-render: the project templates', () => {
  const files = templates(FLEX_TEMPLATES_DIR);

  it('when the templates folder is read, then it holds templates to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [path.relative(FLEX_TEMPLATES_DIR, f), f]))(
    'when %s is rendered, then every component is known',
    (_name, file) => {
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { type: string; contents?: unknown };
      const container =
        json.type === 'flex' ? json.contents : ['bubble', 'carousel'].includes(json.type) ? json : bubble(json);
      const html = render(container);
      expect(html).toMatch(/^<div class="fx-(bubble|carousel)/);
    },
  );
});

describe('flex-render: LINE Flex features', () => {
  it('when a bubble has all four blocks, then they render in LINE order at the bubble size', () => {
    const html = render({
      type: 'bubble',
      size: 'kilo',
      footer: vbox([text('f')]),
      body: vbox([text('b')]),
      hero: {
        type: 'image',
        url: 'https://example.com/a.png',
        size: 'full',
        aspectRatio: '20:13',
        aspectMode: 'cover',
      },
      header: vbox([text('h')]),
      styles: { footer: { separator: true, separatorColor: '#00ff00' }, header: { backgroundColor: '#0b6e4f' } },
    });
    const order = ['fx-header', 'fx-hero', 'fx-body', 'fx-footer'].map((c) => html.indexOf(`fx-section ${c}`));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > (order[k - 1] as number)))).toBe(true);
    expect(html).toContain('fx-bubble fx-bubble-kilo');
    expect(html).toContain('width:260px');
    expect(html).toContain('class="fx-section fx-header" style="background-color:#0b6e4f"');
    expect(html).toContain('border-top:1px solid #00ff00');
    expect(html).toMatch(
      /<img alt="" src="https:\/\/example.com\/a.png" style="width:100%;aspect-ratio:20 \/ 13;object-fit:cover">/,
    );
  });

  it('when boxes use the three layouts, then each is a flex box in its direction', () => {
    const html = render(
      bubble(
        vbox([
          { type: 'box', layout: 'horizontal', contents: [text('a'), text('b', { flex: 0 }), text('c', { flex: 3 })] },
          {
            type: 'box',
            layout: 'baseline',
            contents: [{ type: 'icon', url: 'https://example.com/i.png', size: 'sm' }, text('d')],
          },
        ]),
      ),
    );
    expect(html).toContain('class="fx-box fx-vertical"');
    expect(html).toContain('class="fx-box fx-horizontal"');
    expect(html).toContain('class="fx-box fx-baseline"');
    // LINE: default flex 1 across a row, 0 means "as wide as its content"
    expect(html).toContain('<div class="fx-text fx-nowrap" style="flex:1 0 0;min-width:0;font-size:1rem">a</div>');
    expect(html).toContain('style="flex:0 0 auto;min-width:0;font-size:1rem">b</div>');
    expect(html).toContain('style="flex:3 0 0;min-width:0;font-size:1rem">c</div>');
    expect(html).toContain(
      '<img class="fx-icon" alt="" src="https://example.com/i.png" style="height:0.875rem;width:calc(0.875rem * 1)">',
    );
  });

  it('when a box sets spacing and a child sets margin, then the child margin wins and the first child gets no spacing', () => {
    const html = render(bubble(vbox([text('one'), text('two'), text('three', { margin: 'xl' })], { spacing: 'md' })));
    expect(html).toMatch(/style="font-size:1rem">one<\/div>/);
    expect(html).toContain('style="margin-top:8px;font-size:1rem">two</div>');
    expect(html).toContain('style="margin-top:16px;font-size:1rem">three</div>');
    const row = render(bubble({ type: 'box', layout: 'horizontal', spacing: 'sm', contents: [text('x'), text('y')] }));
    expect(row).toContain('margin-inline-start:4px');
  });

  it('when text sets size, weight, colour, alignment, wrap and maxLines, then the style says so', () => {
    const html = render(
      bubble(
        vbox([
          text('ใหญ่', {
            size: 'xl',
            weight: 'bold',
            color: '#FF0000',
            align: 'center',
            style: 'italic',
            decoration: 'underline',
          }),
          text('ห่อ', { wrap: true, maxLines: 2, lineSpacing: '6px', size: '18px' }),
        ]),
      ),
    );
    expect(html).toContain(
      '<div class="fx-text fx-nowrap" style="font-size:1.375rem;color:#FF0000;font-weight:700;text-align:center;font-style:italic;text-decoration:underline">ใหญ่</div>',
    );
    expect(html).toContain(
      '<div class="fx-text fx-wrap fx-clamp" style="font-size:18px;line-height:calc(1.4em + 6px);-webkit-line-clamp:2">ห่อ</div>',
    );
  });

  it('when text has spans, then each span keeps its own style', () => {
    const html = render(
      bubble(
        vbox([
          {
            type: 'text',
            text: 'ignored',
            contents: [
              { type: 'span', text: 'แดง', color: '#ff0000', weight: 'bold' },
              { type: 'span', text: ' ขีดฆ่า', decoration: 'line-through', size: 'sm' },
            ],
          },
        ]),
      ),
    );
    expect(html).toContain(
      '<span class="fx-span" style="color:#ff0000;font-weight:700">แดง</span><span class="fx-span" style="font-size:0.875rem;text-decoration:line-through"> ขีดฆ่า</span>',
    );
    expect(html).not.toContain('ignored');
  });

  it('when buttons use each style, then primary and secondary fill with their colour and link colours the text', () => {
    const act = (label: string) => ({ type: 'message', label, text: label });
    const html = render(
      bubble(
        vbox([
          { type: 'button', style: 'primary', action: act('หลัก') },
          { type: 'button', style: 'secondary', height: 'sm', action: act('รอง') },
          { type: 'button', style: 'link', color: '#123456', action: act('ลิงก์') },
          {
            type: 'button',
            style: 'primary',
            color: '#0B6E4F',
            action: { type: 'postback', label: 'pb', data: 'a=menu', displayText: 'เมนู' },
          },
        ]),
      ),
    );
    expect(html).toContain(
      'class="fx-button fx-button-primary" style="height:52px;background-color:#17c950;color:#ffffff"',
    );
    expect(html).toContain(
      'class="fx-button fx-button-secondary" style="height:40px;background-color:#dcdfe5;color:#111111"',
    );
    expect(html).toContain('class="fx-button fx-button-link" style="height:52px;color:#123456"');
    expect(html).toContain('background-color:#0B6E4F');
    expect(html).toContain(
      `data-action="{&quot;type&quot;:&quot;postback&quot;,&quot;label&quot;:&quot;pb&quot;,&quot;data&quot;:&quot;a=menu&quot;,&quot;displayText&quot;:&quot;เมนู&quot;}">pb</button>`,
    );
  });

  it('when separators, spacers and fillers are used, then they render across the right axis', () => {
    const html = render(
      bubble(
        vbox([
          { type: 'separator', color: '#cccccc' },
          { type: 'spacer', size: 'xl' },
          {
            type: 'box',
            layout: 'horizontal',
            contents: [text('a'), { type: 'separator' }, { type: 'filler' }, text('b')],
          },
        ]),
      ),
    );
    expect(html).toContain('<div class="fx-separator fx-separator-h" style="border-color:#cccccc"></div>');
    expect(html).toContain('<div class="fx-spacer" style="height:16px;flex:0 0 auto"></div>');
    expect(html).toContain('fx-separator fx-separator-v');
    expect(html).toContain('<div class="fx-filler" style="flex:1 0 0;min-width:0"></div>');
  });

  it('when a box sets background, border, corner radius, padding and an absolute position, then the style carries them', () => {
    const html = render(
      bubble(
        vbox([
          vbox([text('x')], {
            backgroundColor: '#EEEEEE',
            borderWidth: 'semi-bold',
            borderColor: '#000000',
            cornerRadius: 'xl',
            paddingAll: '12px',
            paddingTop: 'xs',
            position: 'absolute',
            offsetTop: '4px',
            offsetEnd: 'md',
            width: '80px',
            justifyContent: 'center',
            alignItems: 'flex-end',
            background: { type: 'linearGradient', angle: '90deg', startColor: '#ff0000', endColor: '#0000ff' },
          }),
        ]),
      ),
    );
    expect(html).toContain(
      'width:80px;background-color:#EEEEEE;background-image:linear-gradient(90deg, #ff0000, #0000ff);border:3px solid #000000;border-radius:16px;padding:2px 12px 12px 12px;justify-content:center;align-items:flex-end;position:absolute;top:4px;right:8px',
    );
  });

  it('when the body box has no padding, then LINE default padding applies (20px body, 10px footer)', () => {
    const html = render({ type: 'bubble', body: vbox([text('b')]), footer: vbox([text('f')]) });
    expect(html).toContain(
      '<div class="fx-section fx-body"><div class="fx-box fx-vertical" style="padding:20px 20px 20px 20px">',
    );
    expect(html).toContain(
      '<div class="fx-section fx-footer"><div class="fx-box fx-vertical" style="padding:10px 10px 10px 10px">',
    );
  });

  it('when a carousel holds bubbles, then each bubble renders inside one scroller', () => {
    const html = render({
      type: 'carousel',
      contents: [bubble(vbox([text('1')])), bubble(vbox([text('2')])), bubble(vbox([text('3')]))],
    });
    expect(html.startsWith('<div class="fx-carousel">')).toBe(true);
    expect(html.match(/class="fx-bubble /g)).toHaveLength(3);
  });

  it('when images set size, aspect ratio, aspect mode, alignment and background, then the picture is drawn that way', () => {
    const html = render(
      bubble(
        vbox([
          {
            type: 'image',
            url: 'https://example.com/a.png',
            size: 'sm',
            aspectRatio: '4:3',
            aspectMode: 'fit',
            align: 'start',
            backgroundColor: '#FFEEDD',
          },
          { type: 'image', url: 'https://example.com/b.png', size: 'full', aspectRatio: '1.51:1', aspectMode: 'cover' },
          { type: 'image', url: 'https://example.com/c.png', size: '120px', align: 'end' },
          { type: 'image', url: 'https://example.com/d.png' },
        ]),
      ),
    );
    expect(html).toContain(
      '<div class="fx-image" style="justify-content:flex-start"><img alt="" src="https://example.com/a.png" style="width:80px;aspect-ratio:4 / 3;object-fit:contain;background-color:#FFEEDD"></div>',
    );
    expect(html).toContain('src="https://example.com/b.png" style="width:100%;aspect-ratio:1.51 / 1;object-fit:cover"');
    expect(html).toContain(
      '<div class="fx-image" style="justify-content:flex-end"><img alt="" src="https://example.com/c.png" style="width:120px;aspect-ratio:1 / 1;object-fit:contain">',
    );
    // LINE's defaults: md (100px), 1:1, fit, centred
    expect(html).toContain(
      '<div class="fx-image" style="justify-content:center"><img alt="" src="https://example.com/d.png" style="width:100px;aspect-ratio:1 / 1;object-fit:contain">',
    );
  });

  it('when a bubble, a box, an image or a text has an action, then it is tappable and carries that action', () => {
    const act = (text: string) => ({ type: 'message', label: text, text });
    const html = render(
      bubble(
        vbox([
          vbox([text('กล่อง')], { action: act('box') }),
          {
            type: 'image',
            url: 'https://example.com/a.png',
            action: { type: 'uri', label: 'เปิด', uri: 'https://example.com/' },
          },
          text('ข้อความ', { action: act('text') }),
        ]),
        { action: { type: 'postback', label: 'bubble', data: 'a=menu' } },
      ),
    );
    const tappable = [...html.matchAll(/data-action="([^"]+)" tabindex="0" role="button"/g)].map(
      (m) => JSON.parse(m[1]!.replace(/&quot;/g, '"')) as { type: string; text?: string; uri?: string; data?: string },
    );
    expect(tappable.map((a) => a.text ?? a.uri ?? a.data)).toEqual(['a=menu', 'box', 'https://example.com/', 'text']);
  });

  it('when a bubble is right-to-left, nano-sized, with a video and a tinted gradient, then each is kept', () => {
    const html = render({
      type: 'bubble',
      size: 'nano',
      direction: 'rtl',
      hero: {
        type: 'video',
        url: 'https://example.com/v.mp4',
        previewUrl: 'https://example.com/p.png',
        aspectRatio: '16:9',
        altContent: { type: 'image', url: 'https://example.com/p.png', size: 'full' },
      },
      body: vbox([text('x')], {
        background: {
          type: 'linearGradient',
          angle: '45deg',
          startColor: '#000000',
          centerColor: '#777777',
          centerPosition: '30%',
          endColor: '#ffffff',
        },
      }),
    });
    expect(html).toContain('<div class="fx-bubble fx-bubble-nano" dir="rtl" style="width:120px">');
    expect(html).toContain(
      '<div class="fx-video" style="aspect-ratio:16 / 9"><img alt="" src="https://example.com/p.png"><span class="fx-play">▶</span></div>',
    );
    expect(html).toContain('background-image:linear-gradient(45deg, #000000, #777777 30%, #ffffff)');
    // Without a preview, the alternative content is shown
    expect(
      render(
        bubble(
          vbox([
            {
              type: 'video',
              url: 'https://example.com/v.mp4',
              altContent: { type: 'image', url: 'https://example.com/alt.png' },
            },
          ]),
        ),
      ),
    ).toContain('src="https://example.com/alt.png"');
  });

  it('when a row sets gravity, icons set an aspect ratio and text asks to shrink to fit, then the layout says so', () => {
    const html = render(
      bubble(
        vbox([
          {
            type: 'box',
            layout: 'horizontal',
            contents: [
              text('บน', { gravity: 'top' }),
              text('กลาง', { gravity: 'center' }),
              { type: 'button', gravity: 'bottom', action: { type: 'message', label: 'ล่าง', text: 'ล่าง' } },
            ],
          },
          {
            type: 'box',
            layout: 'baseline',
            contents: [{ type: 'icon', url: 'https://example.com/i.png', size: 'xl', aspectRatio: '2:1' }, text('i')],
          },
          text('ย่อให้พอดี', { adjustMode: 'shrink-to-fit' }),
          text('ห่อแทน', { adjustMode: 'shrink-to-fit', wrap: true }),
          { type: 'button', adjustMode: 'shrink-to-fit', action: { type: 'message', label: 'ปุ่มยาว', text: 'ปุ่มยาว' } },
        ]),
      ),
    );
    expect(html).toContain('style="flex:1 0 0;align-self:flex-start;min-width:0;font-size:1rem">บน</div>');
    expect(html).toContain('style="flex:1 0 0;align-self:center;min-width:0;font-size:1rem">กลาง</div>');
    expect(html).toContain('align-self:flex-end;min-width:0;height:52px');
    expect(html).toContain('style="height:1.375rem;width:calc(1.375rem * 2)"');
    expect(html).toContain('<div class="fx-text fx-nowrap fx-shrink" style="font-size:1rem">ย่อให้พอดี</div>');
    expect(html).toContain('<div class="fx-text fx-wrap" style="font-size:1rem">ห่อแทน</div>');
    expect(html).toContain('class="fx-button fx-button-link fx-shrink"');
  });

  it('when a component type is unknown, then it is listed and shown as a placeholder', () => {
    const unknown: string[] = [];
    const html = renderFlex(bubble(vbox([text('ok'), { type: 'hologram' }])), { unknown });
    expect(unknown).toEqual(['bubble.body.contents[1]: hologram']);
    expect(html).toContain('class="fx-unknown"');
  });
});

describe('flex-render: escaping', () => {
  it('when text holds HTML, then it is shown as text', () => {
    const html = render(bubble(vbox([text('<script>alert("x")</script> & <b>')])));
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;');
    expect(html).not.toMatch(/<script|<b>/);
  });

  it('when colours, sizes or URLs try to break out of an attribute, then they are dropped', () => {
    const html = render(
      bubble(
        vbox([
          text('t', { color: '#fff" onclick="alert(1)', size: '12px;background:url(x)' }),
          { type: 'image', url: 'javascript:alert(1)' },
          { type: 'button', action: { type: 'message', label: '"><img src=x onerror=alert(1)>', text: "'" } },
        ]),
      ),
    );
    expect(html).not.toContain('onclick');
    expect(html).not.toContain('javascript:');
    expect(html).not.toMatch(/<img src=x/);
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</button>');
  });

  it('when a text message holds HTML and a link, then the HTML is escaped and the link opens a new tab', () => {
    const { kind, html } = renderMessage({ type: 'text', text: '<i>ดู</i> https://www.phonsai.go.th/a?b=1&c=2' });
    expect(kind).toBe('text');
    expect(html).toBe(
      '<div class="msg-text">&lt;i&gt;ดู&lt;/i&gt; <a href="https://www.phonsai.go.th/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">https://www.phonsai.go.th/a?b=1&amp;c=2</a></div>',
    );
  });

  it('when a message has quick replies, then each becomes a chip carrying its action', () => {
    const html = renderQuickReply({
      items: [
        { type: 'action', action: { type: 'message', label: 'ข้าม', text: 'ข้าม' } },
        { type: 'action', action: { type: 'postback', label: '<ยืนยัน>', data: 'a=menu' } },
      ],
    });
    expect(html.match(/class="chip"/g)).toHaveLength(2);
    expect(html).toContain('&lt;ยืนยัน&gt;</button>');
  });
});
