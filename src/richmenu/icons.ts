/**
 * The rich menu's icons as SVG path data on a 24 × 24 grid, drawn as round-capped strokes (no
 * fill). Plain data, so the image design and the demo page draw the same pictures without
 * fetching anything.
 */
export const ICONS = {
  chat: 'M4 5h16v11H10l-5 4v-4H4zM8.5 10.5h.01M12 10.5h.01M15.5 10.5h.01',
  document: 'M6 3h9l3 3v15H6zM15 3v3h3M9 10h6M9 13.5h6M9 17h4',
  megaphone: 'M3 10v4h3l7 4V6l-7 4zM16 9a4 4 0 0 1 0 6M18.5 6.5a7.5 7.5 0 0 1 0 11',
  shield: 'M12 3l7 3v5c0 4.5-3 8-7 10c-4-2-7-5.5-7-10V6zM9 12l2 2 4-4',
  bell: 'M12 3a6 6 0 0 1 6 6v5l2 3H4l2-3V9a6 6 0 0 1 6-6zM10 20h4',
  status: 'M9 3h6v3H9zM7 4.5H5V21h14V4.5h-2M8.5 13l2.5 2.5 4.5-5',
} as const;

export type IconName = keyof typeof ICONS;
