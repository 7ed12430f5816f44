import { performance } from 'node:perf_hooks';
import { SHIPPED_DATA_DIR } from '../src/paths.js';
import { readContentDocuments } from '../src/content/content-files.js';
import { contentItems } from '../src/content/search-items.js';
import { SearchIndex } from '../src/content/search-index.js';
import { loadSynonyms } from '../src/content/synonyms.js';
import { syntheticPublications } from './synthetic-publications.js';
import { fmt, percentile } from './stats.js';

/** The answer-time target per question with 1,000 publications indexed. */
const TARGET_P99_MS = 5;
const WARM_UP = 1_000;
const TIMED = 2_000;

/** A mix like real traffic: measures, ITA, announcement, typos, English, digits, out of scope. */
const QUESTIONS = [
  'ITA ได้กี่คะแนน', 'ผลคะแนนความโปร่งใสปีนี้', 'คะแนนไอทีเอ ๒๕๖๘', 'ita score of phon sai',
  'แนวทางปฏิบัติ do & don\'t', 'พนักงานเทศบาลห้ามทำอะไรบ้าง', 'ไม่ควรรทำ', 'จริยธรรมของเจ้าหน้าที่ครับบบ',
  'การตรวจสอบดุลพินิจของเจ้าหน้าที่', 'คู่มือลดการใช้ดุลยพินิจ', 'ดุลพินิด', 'discretion of officials',
  'เทศบาลเปิดเผยข้อมูลอะไรบ้าง', 'ข้อมูลข่าวสารของราชการ มาตรา ๙', 'public disclosure website', 'เว็บไซต์อัปเดตบ่อยไหม',
  'ประกาศเรื่องมาตรการส่งเสริมคุณธรรม', 'ประกาศลงวันที่ ๑๐ มกราคม', 'ใครลงนามในประกาศ', 'นายกเทศมนตรีตำบลโพธาราย',
  'มาตรการป้องกันการทุจริตมีอะไรบ้าง', 'ประกาศผู้ชนะการเสนอราคาถนนคอนกรีต', 'ฉีดวัคซีนพิษสุนัขบ้าวันไหน', 'ภาษีที่ดินจ่ายที่ไหน',
  'ร้านกาแฟแถวนี้มีที่ไหนบ้าง', 'qwerty', 'พรุ่งนี้ฝนตกไหม', 'ขอเบอร์ร้านส้มตำ', 'ราคาทองวันนี้', 'how to get to Bangkok',
];

function timeAnswers(index: SearchIndex): { p50: number; p99: number } {
  for (let i = 0; i < WARM_UP; i++) index.answer(QUESTIONS[i % QUESTIONS.length] ?? '');
  const times: number[] = [];
  for (let i = 0; i < TIMED; i++) {
    const question = QUESTIONS[i % QUESTIONS.length] ?? '';
    const start = performance.now();
    index.answer(question);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * Answer time of the search, over the shipped content alone and with 1,000 synthetic
 * publications added at runtime (as staff publish them), ~2,000 timed questions each.
 */
export async function benchSearch(): Promise<void> {
  const docs = await readContentDocuments(SHIPPED_DATA_DIR);
  const synonyms = await loadSynonyms(SHIPPED_DATA_DIR, SHIPPED_DATA_DIR);
  const index = new SearchIndex(docs.flatMap(contentItems), synonyms);
  const shipped = timeAnswers(index);
  console.log(`search: shipped content (${index.size} items): p50 ${fmt(shipped.p50, 3)} ms, p99 ${fmt(shipped.p99, 3)} ms`);

  const buildStart = performance.now();
  index.add(syntheticPublications(1_000));
  const buildMs = performance.now() - buildStart;
  const loaded = timeAnswers(index);
  const verdict = loaded.p99 <= TARGET_P99_MS ? 'meets' : 'MISSES';
  console.log(
    `search: + 1,000 publications (${index.size} items, added in ${fmt(buildMs, 0)} ms): ` +
      `p50 ${fmt(loaded.p50, 3)} ms, p99 ${fmt(loaded.p99, 3)} ms — ${verdict} the p99 ≤ ${TARGET_P99_MS} ms target`,
  );
}
