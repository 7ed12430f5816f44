// Renders LINE Flex Message JSON (a bubble or a carousel) to an HTML string, the way the LINE
// client lays it out. Pure: no DOM, no network, so the demo page, the console preview and Node tests share it.
// Every value from the JSON is escaped or checked against a pattern before it reaches the HTML.

const SPACE = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
const TEXT = { xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, '3xl': 35, '4xl': 48, '5xl': 74 };
const IMAGE = { xxs: 40, xs: 60, sm: 80, md: 100, lg: 120, xl: 140, xxl: 160, '3xl': 180, '4xl': 200, '5xl': 240 };
const BORDER = { none: 0, light: 0.5, normal: 1, medium: 2, 'semi-bold': 3, bold: 4 };
const BUBBLE = { nano: 120, micro: 160, deca: 220, hecto: 241, kilo: 260, mega: 300, giga: 500 };
const GRAVITY = { top: 'flex-start', center: 'center', bottom: 'flex-end' };
const ALIGN = { start: 'flex-start', center: 'center', end: 'flex-end' };
const JUSTIFY = { 'flex-start': 1, center: 1, 'flex-end': 1, 'space-between': 1, 'space-around': 1, 'space-evenly': 1 };
const BUTTON = { primary: ['#17c950', '#ffffff'], secondary: ['#dcdfe5', '#111111'], link: ['transparent', '#42659a'] };

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function escapeHtml(value) {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

/** A CSS length from a LINE keyword (via `table`), `Npx` or `N%`; null for anything else. */
export function length(value, table = {}) {
  if (typeof value !== 'string') return null;
  if (Object.hasOwn(table, value)) return `${table[value]}px`;
  return /^\d+(\.\d+)?(px|%)$/.test(value) ? value : null;
}
const color = (v) => (typeof v === 'string' && /^#([0-9a-f]{6}|[0-9a-f]{8})$/i.test(v) ? v : null);
const textSize = (v, fallback) => (Object.hasOwn(TEXT, v) ? `${TEXT[v] / 16}rem` : (length(v) ?? fallback));
/** Only web and data/blob image addresses reach an src or href. */
export const safeUrl = (v) =>
  typeof v === 'string' && /^(https?:\/\/|data:image\/|blob:|\/(?!\/))/i.test(v) ? v : null;
const ratio = (v) => (typeof v === 'string' && /^\d+(\.\d+)?:\d+(\.\d+)?$/.test(v) ? v.replace(':', ' / ') : null);

/** `style="..."` from [property, value] pairs, leaving out null values. */
function style(pairs) {
  const css = pairs
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}:${v}`)
    .join(';');
  return css ? ` style="${escapeHtml(css)}"` : '';
}

/** The attributes that make an element tappable; the page reads `data-action` on click. */
export function actionAttrs(action) {
  if (!action || typeof action !== 'object' || typeof action.type !== 'string') return '';
  return ` data-action="${escapeHtml(JSON.stringify(action))}" tabindex="0" role="button"`;
}

function offsets(c) {
  return [
    ['position', c.position === 'absolute' ? 'absolute' : null],
    ['top', length(c.offsetTop, SPACE)],
    ['bottom', length(c.offsetBottom, SPACE)],
    ['left', length(c.offsetStart, SPACE)],
    ['right', length(c.offsetEnd, SPACE)],
  ];
}

/**
 * How a child sits in its parent box: `parent` is `{axis, gap}` (axis vertical or horizontal,
 * gap the CSS margin before it). LINE's default flex is 1 across a row and 0 down a column.
 */
function flexItem(c, parent, fallback) {
  if (!parent) return [];
  const axis = parent.axis;
  const grow = Number.isInteger(c.flex) && c.flex >= 0 ? c.flex : (fallback ?? (axis === 'vertical' ? 0 : 1));
  const flex = axis === 'vertical' ? (grow ? `${grow} 0 auto` : null) : grow ? `${grow} 0 0` : '0 0 auto';
  const self = axis === 'horizontal' ? (GRAVITY[c.gravity] ?? null) : null;
  return [
    ['flex', flex],
    ['align-self', self],
    ['min-width', axis === 'vertical' ? null : '0'],
    parent.gap ?? ['', null],
  ];
}

function renderComponent(c, ctx, parent, path) {
  const render = c && typeof c === 'object' ? COMPONENTS[c.type] : undefined;
  if (!render) {
    ctx.unknown.push(`${path}: ${c?.type ?? typeof c}`);
    return `<div class="fx-unknown">[${escapeHtml(c?.type ?? '?')}]</div>`;
  }
  return render(c, ctx, parent, path);
}

function renderBox(box, ctx, parent, path, padding = null) {
  const layout = ['horizontal', 'baseline'].includes(box.layout) ? box.layout : 'vertical';
  const axis = layout === 'vertical' ? 'vertical' : 'horizontal';
  const children = (Array.isArray(box.contents) ? box.contents : []).map((child, i) => {
    const margin =
      child?.position === 'absolute'
        ? null
        : (length(child?.margin, SPACE) ?? (i > 0 ? length(box.spacing, SPACE) : null));
    const gap = margin ? [axis === 'vertical' ? 'margin-top' : 'margin-inline-start', margin] : null;
    return renderComponent(child, ctx, { axis, gap }, `${path}.contents[${i}]`);
  });
  const bg =
    box.background?.type === 'linearGradient' && color(box.background.startColor) && color(box.background.endColor)
      ? `linear-gradient(${/^\d+(\.\d+)?deg$/.test(box.background.angle ?? '') ? box.background.angle : '0deg'}, ${box.background.startColor}, ${color(box.background.centerColor) ? `${box.background.centerColor} ${length(box.background.centerPosition) ?? '50%'}, ` : ''}${box.background.endColor})`
      : null;
  const pad = (side) => length(box[`padding${side}`], SPACE) ?? length(box.paddingAll, SPACE) ?? padding;
  const css = [
    ...flexItem(box, parent),
    ['width', length(box.width)],
    ['max-width', length(box.maxWidth)],
    ['height', length(box.height)],
    ['max-height', length(box.maxHeight)],
    ['background-color', color(box.backgroundColor)],
    ['background-image', bg],
    [
      'border',
      length(box.borderWidth, BORDER)
        ? `${length(box.borderWidth, BORDER)} solid ${color(box.borderColor) ?? '#000'}`
        : null,
    ],
    ['border-radius', length(box.cornerRadius, SPACE)],
    [
      'padding',
      ['Top', 'End', 'Bottom', 'Start'].some((s) => pad(s))
        ? ['Top', 'End', 'Bottom', 'Start'].map((s) => pad(s) ?? '0').join(' ')
        : null,
    ],
    ['justify-content', JUSTIFY[box.justifyContent] ? box.justifyContent : null],
    ['align-items', JUSTIFY[box.alignItems] ? box.alignItems : null],
    ...offsets(box),
  ];
  if (length(box.width) || length(box.height)) css.push(['flex-shrink', '0']);
  return `<div class="fx-box fx-${layout}"${style(css)}${actionAttrs(box.action)}>${children.join('')}</div>`;
}

function renderSpan(s) {
  if (s?.type !== 'span') return '';
  const css = [
    ['color', color(s.color)],
    ['font-size', textSize(s.size, null)],
    ['font-weight', s.weight === 'bold' ? '700' : null],
    ['font-style', s.style === 'italic' ? 'italic' : null],
    ['text-decoration', ['underline', 'line-through'].includes(s.decoration) ? s.decoration : null],
  ];
  return `<span class="fx-span"${style(css)}>${escapeHtml(s.text)}</span>`;
}

function renderText(t, ctx, parent) {
  const spans =
    Array.isArray(t.contents) && t.contents.length ? t.contents.map(renderSpan).join('') : escapeHtml(t.text);
  const lines = Number.isInteger(t.maxLines) && t.maxLines > 0 && t.wrap === true ? t.maxLines : null;
  const css = [
    ...flexItem(t, parent),
    ...offsets(t),
    ['font-size', textSize(t.size, '1rem')],
    ['color', color(t.color)],
    ['font-weight', t.weight === 'bold' ? '700' : null],
    ['text-align', { start: 'left', center: 'center', end: 'right' }[t.align] ?? null],
    ['font-style', t.style === 'italic' ? 'italic' : null],
    ['text-decoration', ['underline', 'line-through'].includes(t.decoration) ? t.decoration : null],
    ['line-height', length(t.lineSpacing) ? `calc(1.4em + ${length(t.lineSpacing)})` : null],
    ['-webkit-line-clamp', lines],
  ];
  // shrink-to-fit: the page narrows the font until the line fits (fit-text.js), as LINE does
  const shrink = t.adjustMode === 'shrink-to-fit' && t.wrap !== true ? ' fx-shrink' : '';
  const cls = `fx-text ${t.wrap === true ? 'fx-wrap' : 'fx-nowrap'}${lines ? ' fx-clamp' : ''}${shrink}`;
  return `<div class="${cls}"${style(css)}${actionAttrs(t.action)}>${spans}</div>`;
}

function renderImage(img, ctx, parent) {
  const size = img.size === 'full' ? '100%' : (length(img.size, IMAGE) ?? `${IMAGE.md}px`);
  const css = [...flexItem(img, parent), ...offsets(img), ['justify-content', ALIGN[img.align] ?? 'center']];
  const imgCss = [
    ['width', size],
    ['aspect-ratio', ratio(img.aspectRatio) ?? '1 / 1'],
    ['object-fit', img.aspectMode === 'cover' ? 'cover' : 'contain'],
    ['background-color', color(img.backgroundColor)],
  ];
  const src = safeUrl(img.url);
  return `<div class="fx-image"${style(css)}${actionAttrs(img.action)}><img alt=""${src ? ` src="${escapeHtml(src)}"` : ''}${style(imgCss)}></div>`;
}

function renderIcon(icon, ctx, parent) {
  const size = textSize(icon.size, '1rem');
  const [w, h] = (ratio(icon.aspectRatio) ?? '1 / 1').split(' / ').map(Number);
  const src = safeUrl(icon.url);
  return `<img class="fx-icon" alt=""${src ? ` src="${escapeHtml(src)}"` : ''}${style([['height', size], ['width', `calc(${size} * ${w / h})`], parent?.gap ?? ['', null], ...offsets(icon)])}>`;
}

function renderButton(b, ctx, parent) {
  const kind = Object.hasOwn(BUTTON, b.style) ? b.style : 'link';
  const [bg, fg] = BUTTON[kind];
  const css = [
    ...flexItem(b, parent),
    ...offsets(b),
    ['height', b.height === 'sm' ? '40px' : '52px'],
    ['background-color', kind === 'link' ? null : (color(b.color) ?? bg)],
    ['color', kind === 'link' ? (color(b.color) ?? fg) : fg],
  ];
  const shrink = b.adjustMode === 'shrink-to-fit' ? ' fx-shrink' : '';
  return `<button type="button" class="fx-button fx-button-${kind}${shrink}"${style(css)}${actionAttrs(b.action).replace(' tabindex="0" role="button"', '')}>${escapeHtml(b.action?.label ?? '')}</button>`;
}

function renderVideo(v, ctx, parent, path) {
  const preview = safeUrl(v.previewUrl);
  const alt = v.altContent ? renderComponent(v.altContent, ctx, { axis: 'vertical' }, `${path}.altContent`) : '';
  return `<div class="fx-video"${style([['aspect-ratio', ratio(v.aspectRatio) ?? '16 / 9']])}${actionAttrs(v.action)}>${preview ? `<img alt="" src="${escapeHtml(preview)}">` : alt}<span class="fx-play">▶</span></div>`;
}

const COMPONENTS = {
  box: (c, ctx, parent, path) => renderBox(c, ctx, parent, path),
  text: renderText,
  image: renderImage,
  icon: renderIcon,
  button: renderButton,
  video: renderVideo,
  separator: (c, ctx, parent) =>
    `<div class="fx-separator fx-separator-${parent?.axis === 'horizontal' ? 'v' : 'h'}"${style([['border-color', color(c.color)], parent?.gap ?? ['', null]])}></div>`,
  spacer: (c, ctx, parent) =>
    `<div class="fx-spacer"${style([
      [parent?.axis === 'horizontal' ? 'width' : 'height', length(c.size, SPACE) ?? '8px'],
      ['flex', '0 0 auto'],
    ])}></div>`,
  filler: (c, ctx, parent) => `<div class="fx-filler"${style(flexItem(c, parent, 1))}></div>`,
};

function renderBubble(bubble, ctx, path) {
  const sizeName = Object.hasOwn(BUBBLE, bubble.size) ? bubble.size : 'mega';
  const section = (name, padding) => {
    const box = bubble[name];
    if (!box) return '';
    const s = bubble.styles?.[name] ?? {};
    const css = [
      ['background-color', color(s.backgroundColor)],
      ['border-top', s.separator === true ? `1px solid ${color(s.separatorColor) ?? '#e5e5e5'}` : null],
    ];
    const inner =
      box.type === 'box'
        ? renderBox(box, ctx, null, `${path}.${name}`, padding)
        : renderComponent(box, ctx, null, `${path}.${name}`);
    return `<div class="fx-section fx-${name}"${style(css)}>${inner}</div>`;
  };
  const css = [['width', `${BUBBLE[sizeName]}px`]];
  const dir = bubble.direction === 'rtl' ? 'rtl' : 'ltr';
  return `<div class="fx-bubble fx-bubble-${sizeName}" dir="${dir}"${style(css)}${actionAttrs(bubble.action)}>${section('header', '20px')}${section('hero', null)}${section('body', '20px')}${section('footer', '10px')}</div>`;
}

/**
 * HTML for a Flex container (`bubble` or `carousel`). Unknown components render as a visible
 * `fx-unknown` placeholder and are listed in `options.unknown` (an array you pass in).
 */
export function renderFlex(container, options = {}) {
  const ctx = { unknown: options.unknown ?? [] };
  if (container?.type === 'carousel') {
    const bubbles = (Array.isArray(container.contents) ? container.contents : []).map((b, i) =>
      renderBubble(b, ctx, `contents[${i}]`),
    );
    return `<div class="fx-carousel">${bubbles.join('')}</div>`;
  }
  if (container?.type === 'bubble') return renderBubble(container, ctx, 'bubble');
  ctx.unknown.push(`container: ${container?.type ?? typeof container}`);
  return `<div class="fx-unknown">[${escapeHtml(container?.type ?? '?')}]</div>`;
}
