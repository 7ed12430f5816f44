import { publicationItem, type SearchItem } from '../../src/content/search-items.js';
import { seededRandom } from '../../src/demo/stand-in-guards.js';

/**
 * Realistic stand-ins for a year or two of a municipality's publications (news, announcements,
 * procurement, measures, reports), built from Thai word lists with a seeded generator so every
 * bench run indexes the same text.
 */

const TOPICS = ['news', 'announcement', 'procurement', 'measure', 'report'] as const;
const PLACES = [
  'หมู่ที่ 1 บ้านโพนทราย',
  'หมู่ที่ 3 บ้านหนองแวง',
  'หมู่ที่ 5 บ้านดอนแดง',
  'หมู่ที่ 7 บ้านสามขา',
  'ศาลาประชาคม',
  'โรงเรียนบ้านโพนทราย',
  'ศูนย์พัฒนาเด็กเล็ก',
  'วัดศรีสว่าง',
];
const WORKS = [
  'ก่อสร้างถนนคอนกรีตเสริมเหล็ก',
  'ซ่อมแซมท่อระบายน้ำ',
  'ขุดลอกคลองส่งน้ำ',
  'ติดตั้งไฟฟ้าส่องสว่าง',
  'ปรับปรุงอาคารศูนย์พัฒนาเด็กเล็ก',
  'จัดซื้อรถบรรทุกขยะ',
  'จัดซื้อวัสดุสำนักงาน',
  'จ้างเหมาบริการรักษาความสะอาด',
  'ซ่อมแซมประปาหมู่บ้าน',
  'ก่อสร้างรางระบายน้ำ',
];
const EVENTS = [
  'ฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า',
  'รณรงค์กำจัดลูกน้ำยุงลาย',
  'ประชุมประชาคมหมู่บ้าน',
  'จ่ายเบี้ยยังชีพผู้สูงอายุ',
  'อบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน',
  'แข่งขันกีฬาต้านยาเสพติด',
  'ตรวจสุขภาพผู้สูงอายุ',
  'ทำบุญตักบาตรวันขึ้นปีใหม่',
  'ประเพณีบุญบั้งไฟ',
  'ลอยกระทง',
];
const SUBJECTS = [
  'การรับชำระภาษีที่ดินและสิ่งปลูกสร้าง',
  'การขึ้นทะเบียนผู้สูงอายุ',
  'การรับสมัครพนักงานจ้าง',
  'การใช้จ่ายงบประมาณรายไตรมาส',
  'ผลการดำเนินงานตามแผนพัฒนาท้องถิ่น',
  'การป้องกันและแก้ไขปัญหาภัยแล้ง',
  'การจัดเก็บค่าธรรมเนียมขยะมูลฝอย',
  'แผนการจัดซื้อจัดจ้างประจำปี',
  'การเปิดเผยราคากลาง',
  'การงดจ่ายน้ำประปาชั่วคราว',
];
const SENTENCES = [
  'ขอเชิญชวนประชาชนในเขตเทศบาลเข้าร่วมกิจกรรมโดยพร้อมเพรียงกัน',
  'ผู้สนใจสามารถติดต่อสอบถามรายละเอียดได้ที่สำนักปลัดเทศบาลในวันและเวลาราชการ',
  'ทั้งนี้เพื่อให้การดำเนินงานเป็นไปด้วยความเรียบร้อยและเกิดประโยชน์สูงสุดแก่ประชาชน',
  'กองช่างจะดำเนินการตรวจสอบพื้นที่และรายงานผลให้ผู้บริหารทราบ',
  'งบประมาณที่ใช้เป็นไปตามเทศบัญญัติงบประมาณรายจ่ายประจำปี',
  'ผู้เสนอราคาต้องยื่นเอกสารภายในระยะเวลาที่กำหนด',
  'ขออภัยในความไม่สะดวกมา ณ โอกาสนี้',
  'กองสาธารณสุขและสิ่งแวดล้อมขอความร่วมมือทุกครัวเรือนคัดแยกขยะก่อนทิ้ง',
  'โครงการนี้ดำเนินการตามแผนพัฒนาท้องถิ่นและหลักธรรมาภิบาล',
  'ประชาชนสามารถติดตามข่าวสารได้ทางเว็บไซต์และเพจเฟซบุ๊กของเทศบาล',
];

/** `count` publications as search items, dated over the last two years. */
export function syntheticPublications(count: number, seed = 2568): SearchItem[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const items: SearchItem[] = [];
  for (let i = 0; i < count; i++) {
    const topic = pick(TOPICS);
    const title =
      topic === 'procurement'
        ? `ประกาศผู้ชนะการเสนอราคา${pick(WORKS)} ${pick(PLACES)}`
        : topic === 'news'
          ? `เทศบาลตำบลโพนทรายจัดกิจกรรม${pick(EVENTS)} ณ ${pick(PLACES)}`
          : `ประกาศเทศบาลตำบลโพนทราย เรื่อง ${pick(SUBJECTS)}`;
    const body = Array.from({ length: 3 + Math.floor(random() * 4) }, () => pick(SENTENCES)).join(' ');
    const publishedAt = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 730) * 86_400_000);
    items.push(publicationItem({ id: `synthetic-${i}`, title, body, topic, publishedAt }));
  }
  return items;
}
