import type { PublicationFigure } from '../../staff/report-figures.js';
import { html, num } from '../../http/html.js';

/** Thai names of publication states (issue: scheduled, sending, sent, cancelled, failed ...). */
const STATE_NAMES: Record<string, string> = {
  scheduled: 'ตั้งเวลาไว้',
  waiting: 'รอเวลาส่ง',
  done: 'ส่งครบแล้ว',
  sending: 'กำลังส่ง',
  sent: 'ส่งแล้ว',
  cancelled: 'ยกเลิกแล้ว',
  failed: 'ส่งไม่สำเร็จ',
  'quota-exhausted': 'โควตาข้อความหมด',
};
export const stateName = (state: string) => STATE_NAMES[state] ?? state;

export const DELIVERY_HEADERS = html`<th>สถานะ</th><th class="n">ผู้รับ</th><th class="n">ส่งถึง</th><th class="n">ไม่สำเร็จ</th><th class="n">รอส่ง</th>`;

/** State and delivery figures of one publication, as table cells (labelled for the phone's card view). */
export function deliveryCells(p: Pick<PublicationFigure, 'state' | 'recipients' | 'accepted' | 'failed' | 'pending'>) {
  return html`<td data-label="สถานะ"><span class="state ${p.state}">${stateName(p.state)}</span></td><td class="n" data-label="ผู้รับ" data-figure="recipients">${num(p.recipients)}</td><td class="n" data-label="ส่งถึง" data-figure="accepted">${num(p.accepted)}</td><td class="n" data-label="ไม่สำเร็จ" data-figure="failed">${num(p.failed)}</td><td class="n" data-label="รอส่ง" data-figure="pending">${num(p.pending)}</td>`;
}
