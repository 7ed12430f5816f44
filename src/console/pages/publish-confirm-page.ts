import type { messagingApi } from '@line/bot-sdk';
import { formatDateTimeThai } from '../../thai/date.js';
import { html, num } from '../../http/html.js';
import { csrfField, layout, notice, type Viewer } from '../layout.js';
import { topicName } from '../../subscriptions/topic-names.js';
import { flexData, type Draft } from './publication-pages.js';

export interface ConfirmView {
  draft: Draft;
  topic: string;
  urgent: boolean;
  /** When it goes out; now or earlier means at the confirming click. */
  publishAt: Date;
  now: Date;
  /** Who would get it if it went out now: the topic's subscribers, or every friend when urgent. */
  recipients: number;
  preview: messagingApi.Message | undefined;
}

/**
 * The step between compose and sending: how many people, which topic, when, and the message
 * itself. Nothing is sent until "ยืนยัน" is pressed; "กลับไปแก้ไข" returns to the form as typed.
 */
export function publishConfirmPage(viewer: Viewer, v: ConfirmView) {
  const later = v.publishAt.getTime() > v.now.getTime();
  const audience = v.urgent ? 'เพื่อนทุกคนของบัญชี LINE (ประกาศด่วน)' : `ผู้รับหัวข้อ “${topicName(v.topic)}”`;
  const fields = Object.entries(v.draft).map(([k, value]) => html`<input type="hidden" name="${k}" value="${value}">`);
  return layout(viewer, {
    title: 'ยืนยันก่อนส่งข่าวสาร',
    active: 'publications',
    wide: true,
    body: html`<div class="compose"><div>
<section class="card confirm" aria-labelledby="confirm-count">
<p class="big" id="confirm-count">ส่งถึง <strong data-figure="recipients">${num(v.recipients)}</strong> คน</p>
<dl class="facts"><dt>หัวข้อ</dt><dd data-field="topic">${v.urgent ? `${topicName(v.topic)} · ส่งถึงเพื่อนทุกคน` : topicName(v.topic)}</dd>
<dt>ผู้รับ</dt><dd>${audience}${later ? ' (นับใหม่อีกครั้งเมื่อถึงเวลาส่ง)' : ' ณ ขณะนี้'}</dd>
<dt>เวลาส่ง</dt><dd data-field="when">${later ? formatDateTimeThai(v.publishAt) : 'ทันทีเมื่อกดยืนยัน'}</dd>
<dt>ชื่อเรื่อง</dt><dd>${v.draft.title ?? ''}</dd></dl>
${v.recipients === 0 ? notice('info', 'ขณะนี้ยังไม่มีผู้รับ ข่าวจะถูกเก็บไว้ให้ประชาชนค้นในแชตได้ แต่จะไม่มีใครได้รับข้อความ') : ''}
<form method="post" action="${viewer.root}/publications" class="confirm-actions">${csrfField(viewer)}${fields}
<input type="hidden" name="confirmed" value="1">
<button type="submit" class="primary">${later ? `ยืนยันตั้งเวลาส่งถึง ${num(v.recipients)} คน` : `ยืนยันส่งถึง ${num(v.recipients)} คน`}</button>
<button type="submit" formaction="${viewer.root}/publications/edit" formnovalidate class="secondary">กลับไปแก้ไข</button>
</form></section></div>
<aside class="preview"><p class="caption">ข้อความที่ผู้รับจะเห็นใน LINE</p><div id="preview" data-flex-source="preview-data">เปิด JavaScript เพื่อดูตัวอย่าง</div>${flexData('preview-data', v.preview)}</aside></div>`,
  });
}
