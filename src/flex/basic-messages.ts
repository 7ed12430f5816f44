import type { messagingApi } from '@line/bot-sdk';
import { browseButton } from './browse-buttons.js';
import type { ItaResult } from '../content/model.js';
import { fillBubble } from './catalog.js';
import { bubbleMessage } from './flex-message.js';
import { finishReply, quickReplyWithMenu } from './quick-reply.js';
import { truncate } from './template.js';

/** The fixed destinations most bubbles offer as buttons. */
const DESTINATIONS = {
  itaData: browseButton({ a: 'ita' }),
  measuresData: browseButton({ a: 'measures' }),
  announcementData: browseButton({ a: 'announcement' }),
} as const;

/** Who the bot is and what it does, with buttons to each part (sent on follow). */
export function welcomeMessages(opts: { agencyName: string }): messagingApi.Message[] {
  const bubble = fillBubble('welcome', {
    agencyName: opts.agencyName,
    ...DESTINATIONS,
    helpData: browseButton({ a: 'help' }),
  });
  return finishReply([bubbleMessage(`ยินดีต้อนรับสู่ผู้ช่วยด้านคุณธรรมและความโปร่งใส ${opts.agencyName}`, bubble)]);
}

/** What to type or tap. */
export function helpMessages(): messagingApi.Message[] {
  const bubble = fillBubble('help', DESTINATIONS);
  return finishReply([bubbleMessage('วิธีใช้งาน: พิมพ์ ผล ITA, มาตรการ, ประกาศ, แจ้งเบาะแส หรือพิมพ์คำถามได้เลย', bubble)]);
}

function withPrefix(prefix: string, name: string): string {
  const clean = name.trim();
  return clean.startsWith(prefix) || clean.startsWith(`${prefix.slice(0, 1)}.`) ? clean : `${prefix}${clean}`;
}

export function formatScore(score: number): string {
  return score.toFixed(2);
}

/** The ITA result bubble (also the best answer in search results). */
export function itaBubble(ita: ItaResult): messagingApi.FlexBubble {
  return fillBubble('ita-result', {
    agency: ita.agency,
    location: `${withPrefix('อำเภอ', ita.district)} ${withPrefix('จังหวัด', ita.province)}`,
    fiscalYear: ita.fiscalYear,
    score: formatScore(ita.score),
    measuresData: DESTINATIONS.measuresData,
    announcementData: DESTINATIONS.announcementData,
  });
}

export function itaAltText(ita: ItaResult): string {
  return `ผลการประเมิน ITA ปี ${ita.fiscalYear}: ${formatScore(ita.score)} คะแนน`;
}

/** The agency's ITA score for the fiscal year, with what ITA is. */
export function itaMessages(ita: ItaResult): messagingApi.Message[] {
  return finishReply([bubbleMessage(itaAltText(ita), itaBubble(ita))]);
}

/**
 * The honest answer when nothing matches: says so, lists what the bot knows, and offers
 * `suggestions` (questions it can answer) as quick replies ahead of the standard menu.
 */
export function notFoundMessages(query: string, suggestions: readonly string[] = []): messagingApi.Message[] {
  const asked = query.replace(/\s+/g, ' ').trim();
  const bubble = fillBubble('not-found', {
    queryLine: asked ? `คำถามของท่าน: “${truncate(asked, 200)}”` : 'ลองพิมพ์คำถามใหม่ หรือเลือกหัวข้อด้านล่าง',
    ...DESTINATIONS,
  });
  const choices = suggestions
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => ({ label: s, text: s }));
  return finishReply([bubbleMessage('ไม่พบคำตอบที่ตรงกับคำถาม ลองเลือกหัวข้อที่แนะนำ', bubble)], quickReplyWithMenu(choices));
}
