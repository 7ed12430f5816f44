import { formatDateThai } from '../../thai/date.js';
import type { TipRules } from '../deadlines.js';
import { formatReceipt } from '../receipt-code.js';
import type { PublicTipView } from '../tip-filing.js';
import { TIP_LIMITS } from '../tip-model.js';
import { CHAT, EXTERNAL_CHANNELS, howItWorks, TRAFFY } from '../tip-texts.js';
import { html, type Html } from '../../http/html.js';
import { WEB_SAY } from './web-texts.js';

/**
 * The tip web form's pages: server-rendered Thai HTML for a phone, working without script
 * (the receipt page adds one, to warn before it is left), every value escaped by `html`. What the reporter typed comes back only into their own form.
 */
export interface FormValues {
  /** The form's one-time value (see FormNonces). */
  n?: string;
  what?: string;
  who?: string;
  when?: string;
  where?: string;
}

/**
 * The pages of one municipality's form, reached under `root` (/tip, or /t/<id>/tip in the
 * shared service): each names `town()` in its header and title, and links under `root`.
 */
export interface TipPages {
  formPage: (rules: TipRules, values?: FormValues, errors?: readonly string[]) => string;
  receiptPage: (receipt: string) => string;
  lookupPage: (message?: string | null) => string;
  statusPage: (view: PublicTipView, receipt: string, notice?: string | null) => string;
  /** A refusal (rate limit, wrong request) with a way back. */
  messagePage: (title: string, message: string) => string;
}

export function tipPages(town: () => string, root: string): TipPages {
  const page = (title: string, body: Html) => shell(town(), root, title, body);
  return {
    formPage: (rules, values = {}, errors = []) => page('แจ้งเบาะแสการทุจริต', formBody(root, rules, values, errors)),
    receiptPage: (receipt) => page('ได้รับเรื่องแล้ว', receiptBody(root, receipt)),
    lookupPage: (message = null) => page('ติดตามสถานะเรื่องที่แจ้ง', lookupBody(root, message)),
    statusPage: (view, receipt, notice = null) => page('สถานะเรื่องที่แจ้ง', statusBody(root, view, receipt, notice)),
    messagePage: (title, message) =>
      page(title, html`${errorList([message])}<p><a href="${root}">กลับไปหน้าแจ้งเบาะแส</a></p>`),
  };
}

function shell(town: string, root: string, title: string, body: Html): string {
  return html`<!doctype html>
<html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${title} — ${town}</title>
<link rel="stylesheet" href="${root}/tip.css"></head>
<body><header><p class="agency">${town}</p><h1>${title}</h1></header><main>${body}</main></body></html>`.value;
}

const errorList = (errors: readonly string[]) =>
  errors.length > 0
    ? html`<div class="errors" role="alert"><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>`
    : html``;

const channels = () =>
  html`<section class="channels"><h2>${CHAT.externalIntro}</h2><ul>${EXTERNAL_CHANNELS.map(
    (c) => html`<li><a href="tel:${c.phone}">${c.phone}</a> ${c.name}</li>`,
  )}</ul></section>`;

const evidenceInput = (name: string) => html`<label for="${name}">รูปหลักฐาน (ถ้ามี)</label>
<p class="hint">JPEG หรือ PNG ไม่เกิน ${TIP_LIMITS.images} รูป รูปละไม่เกิน 10 MB ระบบลบข้อมูลแฝงในรูป (เช่น ตำแหน่ง GPS รุ่นโทรศัพท์) ให้เอง</p>
<input type="file" id="${name}" name="${name}" accept="image/jpeg,image/png" multiple>`;

function formBody(root: string, rules: TipRules, values: FormValues, errors: readonly string[]): Html {
  return html`<section class="about"><h2>ก่อนแจ้ง โปรดอ่าน</h2><ul>${howItWorks(rules, 'web').map((p) => html`<li>${p}</li>`)}</ul>
<p class="note">${TRAFFY}</p></section>
${errorList(errors)}
<form method="post" action="${root}" enctype="multipart/form-data">
<input type="hidden" name="n" value="${values.n ?? ''}">
<label for="what">เกิดอะไรขึ้น (จำเป็น)</label>
<p class="hint">เล่าเหตุการณ์ที่พบ เช่น ใครทำอะไร อย่างไร เรียกเงินเท่าไร</p>
<textarea id="what" name="what" rows="8" required>${values.what ?? ''}</textarea>
<label for="who">ใครหรือหน่วยงานใดเกี่ยวข้อง (ถ้าทราบ)</label>
<input type="text" id="who" name="who" value="${values.who ?? ''}" autocomplete="off">
<label for="when">เกิดขึ้นเมื่อไร (ถ้าทราบ)</label>
<input type="text" id="when" name="when" value="${values.when ?? ''}" autocomplete="off" placeholder="เช่น ต้นเดือนมีนาคม 2568">
<label for="where">เกิดขึ้นที่ไหน (ถ้าทราบ)</label>
<input type="text" id="where" name="where" value="${values.where ?? ''}" autocomplete="off">
${evidenceInput('evidence')}
<button type="submit">ส่งเรื่อง</button>
</form>
<p><a href="${root}/status">ติดตามสถานะเรื่องที่แจ้งไว้แล้ว</a></p>
${channels()}`;
}

function receiptBody(root: string, receipt: string): Html {
  return html`<p>${WEB_SAY.thanks}</p>
<p class="label">เลขรับเรื่องของท่าน</p><p class="receipt" id="receipt">${formatReceipt(receipt)}</p>
<p class="warn" id="keep">${WEB_SAY.keepReceipt}</p>
<script src="${root}/keep-receipt.js" defer></script>
<p><a href="${root}/status">ติดตามสถานะ</a> (กรอกเลขรับเรื่อง)</p>
${channels()}`;
}

function lookupBody(root: string, message: string | null): Html {
  return html`${message ? errorList([message]) : html``}
<form method="post" action="${root}/status">
<label for="receipt">เลขรับเรื่อง 16 หลัก</label>
<input type="text" id="receipt" name="receipt" inputmode="numeric" autocomplete="off" required>
<button type="submit">ดูสถานะ</button>
</form>
<p><a href="${root}">แจ้งเรื่องใหม่</a></p>`;
}

function statusBody(root: string, view: PublicTipView, receipt: string, notice: string | null): Html {
  const notes = view.notes.map((n) => html`<li><time>${formatDateThai(n.at, 'short')}</time> ${n.text}</li>`);
  const addForm =
    view.status === 'closed'
      ? html``
      : html`<form method="post" action="${root}/add" enctype="multipart/form-data"><h2>เพิ่มข้อมูล</h2>
<input type="hidden" name="receipt" value="${receipt}">
<label for="text">ข้อมูลที่ต้องการเพิ่ม</label><textarea id="text" name="text" rows="5"></textarea>
${evidenceInput('evidence')}
<button type="submit">ส่งข้อมูลเพิ่ม</button></form>`;
  return html`${notice ? html`<p class="done" role="status">${notice}</p>` : html``}
<dl class="status"><dt>สถานะ</dt><dd id="status">${view.statusName}</dd>
<dt>รับเรื่องเมื่อ</dt><dd>${formatDateThai(view.receivedAt)}</dd>
<dt>อัปเดตล่าสุด</dt><dd>${formatDateThai(view.lastUpdateAt)}</dd></dl>
${view.outcome ? html`<h2>ผลการพิจารณา</h2><p class="outcome">${view.outcome}</p>` : html``}
${notes.length > 0 ? html`<h2>ข้อความจากเจ้าหน้าที่</h2><ul class="notes">${notes}</ul>` : html``}
${addForm}
<p><a href="${root}/status">ดูเรื่องอื่น</a></p>`;
}
