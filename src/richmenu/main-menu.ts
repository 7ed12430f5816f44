import type { messagingApi } from '@line/bot-sdk';
import { browseButton } from '../flex/browse-buttons.js';
import { subscriptionButton } from '../subscriptions/chat/subscription-buttons.js';
import type { IconName } from './icons.js';

/**
 * The one definition of the six-area rich menu: `npm run richmenu` draws its image from it and
 * installs it, and the demo chat page shows it. Every action is something the bot understands:
 * a postback from src/bot/postback.ts, or a text that src/bot/understand.ts recognises.
 */
export interface MenuTile {
  /** The big label on the image and the action's label (LINE: ≤ 20 characters). */
  label: string;
  /** The smaller line under the label on the image. */
  hint: string;
  icon: IconName;
  /** Background of the tile on the image. */
  color: string;
  action: messagingApi.Action;
}

export const MENU_TILES: readonly MenuTile[] = [
  {
    label: 'ถามคำถาม',
    hint: 'พิมพ์ถามได้เลย',
    icon: 'chat',
    color: '#0b6e4f',
    // Opens the keyboard too, so the resident can type the question straight away
    action: {
      type: 'postback',
      label: 'ถามคำถาม',
      data: browseButton({ a: 'help' }),
      displayText: 'ถามคำถาม',
      inputOption: 'openKeyboard',
    },
  },
  {
    label: 'มาตรการ',
    hint: 'คุณธรรมและความโปร่งใส',
    icon: 'document',
    color: '#0f7d5b',
    action: { type: 'postback', label: 'มาตรการ', data: browseButton({ a: 'measures' }), displayText: 'มาตรการ' },
  },
  // The `latest` intent: the newest publications, announcements among them
  {
    label: 'ประกาศ/ข่าวล่าสุด',
    hint: 'ข่าวจากเทศบาล',
    icon: 'megaphone',
    color: '#0b6e4f',
    action: { type: 'message', label: 'ประกาศ/ข่าวล่าสุด', text: 'ข่าวล่าสุด' },
  },
  // The tip flow's start word (CONTRACT.md)
  {
    label: 'แจ้งเบาะแส',
    hint: 'การทุจริต เก็บเป็นความลับ',
    icon: 'shield',
    color: '#b4441b',
    action: { type: 'message', label: 'แจ้งเบาะแส', text: 'แจ้งเบาะแส' },
  },
  // The settings card, changing nothing (the text would read as "subscribe me to everything")
  {
    label: 'ตั้งค่าการรับข่าว',
    hint: 'เลือกหัวข้อที่สนใจ',
    icon: 'bell',
    color: '#0f7d5b',
    action: {
      type: 'postback',
      label: 'ตั้งค่าการรับข่าว',
      data: subscriptionButton({ a: 'topics' }),
      displayText: 'ตั้งค่าการรับข่าว',
    },
  },
  // The `status` intent without a receipt: the bot asks for the receipt number
  {
    label: 'สถานะเรื่อง',
    hint: 'ติดตามด้วยเลขรับเรื่อง',
    icon: 'status',
    color: '#0b6e4f',
    action: { type: 'message', label: 'สถานะเรื่อง', text: 'สถานะเรื่อง' },
  },
];

/** LINE's large rich menu: 2500 × 843, here three columns by two rows. */
export const MENU_SIZE = { width: 2500, height: 843 } as const;
/** Not shown to residents: how `npm run richmenu` recognises the menus it installed before. */
export const MENU_NAME = 'phonsai-main-menu';

const COLUMNS = [0, 833, 1667, 2500];
const ROWS = [0, 421, 843];

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The tile's tappable rectangle on the 2500 × 843 image. */
export function tileBounds(index: number): Bounds {
  const col = index % 3;
  const row = Math.floor(index / 3);
  const x = COLUMNS[col] as number;
  const y = ROWS[row] as number;
  return { x, y, width: (COLUMNS[col + 1] as number) - x, height: (ROWS[row + 1] as number) - y };
}

/** A rich menu request with everything this menu sets (the SDK type leaves all optional). */
export interface MenuRequest extends messagingApi.RichMenuRequest {
  size: { width: number; height: number };
  chatBarText: string;
  areas: Array<{ bounds: Bounds; action: messagingApi.Action }>;
}

/** The request body for POST /v2/bot/richmenu (and /validate). */
export const MAIN_MENU: MenuRequest = {
  size: { ...MENU_SIZE },
  selected: true,
  name: MENU_NAME,
  chatBarText: 'เมนู',
  areas: MENU_TILES.map((tile, i) => ({ bounds: tileBounds(i), action: tile.action })),
};
