import type { messagingApi } from '@line/bot-sdk';
import { encodePostback } from '../bot/postback.js';

/**
 * The six-area menu the chat page shows under the input when no rich menu has been installed
 * into the LINE stand-in (`npm run richmenu` installs the real one, which then takes over).
 * Same size and grid as the real menu: 2500×843, three columns by two rows.
 */
const COLUMNS = [0, 833, 1667];
const WIDTHS = [833, 834, 833];
const ROWS = [0, 421];
const HEIGHTS = [421, 422];

const ACTIONS: messagingApi.Action[] = [
  { type: 'postback', label: 'ถามคำถาม', data: encodePostback({ a: 'help' }), displayText: 'ถามคำถาม' },
  { type: 'postback', label: 'มาตรการ', data: encodePostback({ a: 'measures' }), displayText: 'มาตรการ' },
  { type: 'postback', label: 'ประกาศ/ข่าวล่าสุด', data: encodePostback({ a: 'announcement' }), displayText: 'ประกาศ/ข่าวล่าสุด' },
  { type: 'message', label: 'แจ้งเบาะแส', text: 'แจ้งเบาะแส' },
  { type: 'message', label: 'ตั้งค่าการรับข่าว', text: 'ตั้งค่าการรับข่าว' },
  { type: 'message', label: 'สถานะเรื่อง', text: 'สถานะ' },
];

export const DEMO_RICH_MENU: messagingApi.RichMenuRequest = {
  size: { width: 2500, height: 843 },
  selected: true,
  name: 'เมนูหลัก',
  chatBarText: 'เมนู',
  areas: ACTIONS.map((action, i) => ({
    bounds: { x: COLUMNS[i % 3] as number, y: ROWS[Math.floor(i / 3)] as number, width: WIDTHS[i % 3] as number, height: HEIGHTS[Math.floor(i / 3)] as number },
    action,
  })),
};
