import { phrases } from '../../bot/phrase-match.js';

/**
 * What kind of answer a question wants, and which column of a record it names. The words are
 * the ones residents type, Central Thai and Isan, colloquial and formal, and English; kept in
 * compact matching form (typos are forgiven in phrases of six letters or more).
 */
export const QUESTION_KINDS = ['who', 'when', 'howmuch', 'count', 'how', 'result', 'where', 'list', 'yesno', 'abbrev'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Checked in this order: the more specific frame first ("มีกี่มาตรการ" is a count, not a "how much"). */
export const KIND_PHRASES: readonly [QuestionKind, string[]][] = [
  ['abbrev', phrases(['ย่อมาจาก', 'ย่อมาจากอะไร', 'ชื่อเต็ม', 'ย่อว่า', 'ตัวย่อ', 'stands for', 'stand for', 'full name', 'abbreviation', 'ย่อ'])],
  ['count', phrases(['กี่มาตรการ', 'กี่ข้อ', 'กี่เรื่อง', 'กี่รายการ', 'กี่หัวข้อ', 'กี่อัน', 'กี่ด้าน', 'จำนวนมาตรการ', 'how many', 'number of', 'จำนวน', 'many', 'จักอัน', 'จักข้อ', 'จักมาตรการ',
    // Counting words residents put after กี่ (not คะแนน, บาท: those ask how much).
    'กี่อย่าง', 'กี่ประการ', 'กี่ประเภท', 'กี่ตัว', 'กี่แบบ', 'กี่ชนิด', 'กี่กิจกรรม', 'กี่หมวด', 'กี่ส่วน', 'กี่ฉบับ', 'กี่โครงการ', 'กี่แนวทาง', 'กี่ด้าน',
    'จักอย่าง', 'จักเรื่อง'])],
  ['list', phrases(['อะไรบ้าง', 'มีอะไร', 'ไหนบ้าง', 'หยัง', 'อีหยัง', 'รายชื่อ', 'อันไหนบ้าง', 'มีไหม', 'รายการ', 'ทั้งหมด', 'ทุกมาตรการ', 'แต่ละมาตรการ', 'มีหยังแน่', 'หยังแน่', 'list', 'what are', 'which are', 'all measures'])],
  ['who', phrases(['ใคร', 'ผู้ใด', 'คนใด', 'คนไหน', 'ผู้ไหน', 'หน่วยงานไหน', 'หน่วยงานใด', 'ส่วนไหน', 'ไผ', 'ชื่ออะไร', 'ชื่อว่าอะไร', 'ชื่อไร', 'ชื่อ', 'who', 'whom', 'whose'])],
  ['when', phrases(['บ่อยแค่ไหน', 'บ่อยไหม', 'ถี่แค่ไหน', 'how often', 'ทุกกี่เดือน', 'กี่เดือนครั้ง', 'กี่ครั้ง', 'ทุกกี่', 'เมื่อไร', 'เมื่อไหร่', 'เมื่อใด', 'ตอนไหน', 'วันไหน', 'วันใด', 'วันที่เท่าไร', 'วันที่เท่าไหร่', 'ช่วงไหน', 'ช่วงใด', 'ปีไหน', 'ปีใด', 'เดือนไหน', 'มื้อใด', 'ตอนใด', 'when', 'what date', 'which year'])],
  ['abbrev', phrases(['หมายถึงอะไร', 'คืออะไร', 'what does', 'what is'])],
  ['howmuch', phrases(['เท่าไร', 'เท่าไหร่', 'เท่าใด', 'เท่าไหร', 'กี่คะแนน', 'กี่บาท', 'กี่เปอร์เซ็นต์', 'กี่', 'ท่าไหร่', 'จักคะแนน', 'จักบาท', 'how much', 'how high', 'what score'])],
  ['where', phrases(['ที่ไหน', 'ตรงไหน', 'แห่งใด', 'ที่ใด', 'ช่องทางไหน', 'ช่องทางใด', 'ช่องทาง', 'ไปไหน', 'ไสนอ', 'บ่อนใด', 'where', 'which channel', 'เบอร์อะไร', 'เบอร์ไหน', 'โทรอะไร', 'โทรเบอร์'])],
  ['result', phrases(['ผลเป็นอย่างไร', 'ผลเป็นยังไง', 'ได้ผลไหม', 'ได้ผลอย่างไร', 'ได้ผลยังไง', 'สำเร็จไหม', 'ผลออกมา', 'what result', 'how did it go', 'ผ่านไหม', 'ผ่านเกณฑ์'])],
  ['how', phrases(['เพื่ออะไร', 'ทำไม', 'why', 'for what', 'อย่างไร', 'ยังไง', 'ยังงัย', 'ยังงี้', 'แนวใด', 'จั่งใด', 'เฮ็ดจั่งใด', 'ทำไง', 'แบบไหน', 'วิธีไหน', 'how', 'in what way'])],
  ['yesno', phrases(['ไหม', 'มั้ย', 'มั๊ย', 'ไม๊', 'ป่าว', 'หรือเปล่า', 'รึเปล่า', 'หรือไม่', 'ใช่ไหม', 'ใช่มั้ย', 'จริงไหม', 'บ่', 'แม่นบ่', 'does', 'is it', 'is there', 'did', 'do they'])],
];

/** A column of a record, or a fact the announcement or the report states. */
export const FIELDS = [
  'score', 'agency', 'district', 'province', 'fiscalYear', 'itaName',
  'method', 'period', 'owner', 'summary', 'outcome', 'budget',
  'subject', 'date', 'signer', 'position', 'issuer', 'phone', 'contact',
] as const;
export type Field = (typeof FIELDS)[number];

/** The words that name each field. */
export const FIELD_PHRASES: Record<Field, string[]> = {
  score: phrases(['คะแนน', 'ผลคะแนน', 'ได้กี่คะแนน', 'score', 'points', 'เปอร์เซ็นต์', 'percent', 'คะเเนน', 'ผ่านไหม', 'ผ่านมั้ย', 'ผ่านหรือไม่', 'ผ่านเกณฑ์', 'สอบผ่าน', 'pass', 'passed']),
  agency: phrases(['ชื่อเทศบาล', 'ชื่อหน่วยงาน', 'ชื่อเต็มของเทศบาล', 'agency name', 'name of the municipality', 'หน่วยงานที่ถูกประเมิน']),
  district: phrases(['อำเภอ', 'อำเภออะไร', 'ตั้งอยู่', 'ที่ตั้ง', 'อยู่ที่ไหน', 'อยู่ตรงไหน', 'district', 'amphoe', 'location', 'located']),
  province: phrases(['จังหวัด', 'จังหวัดอะไร', 'province', 'changwat']),
  fiscalYear: phrases(['ปีงบประมาณอะไร', 'ปีงบประมาณไหน', 'ปีงบประมาณใด', 'ปีงบไหน', 'ประเมินปีไหน', 'ประจำปีไหน', 'ประจำปีอะไร', 'which fiscal year', 'what year']),
  itaName: phrases(['ita ย่อ', 'ita คือ', 'ita หมายถึง', 'ita stands', 'ita ชื่อเต็ม', 'ita ย่อมาจาก']),
  method: phrases(['วิธีการ', 'วิธี', 'วิธีทำ', 'วิธีดำเนินการ', 'ขั้นตอน', 'ทำอย่างไร', 'ทำยังไง', 'ดำเนินการอย่างไร', 'ดำเนินการยังไง', 'method', 'steps', 'how is it done', 'ทำอะไรบ้าง']),
  period: phrases(['ระยะเวลา', 'ช่วงเวลา', 'ระยะเวลาดำเนินการ', 'กรอบเวลา', 'period', 'duration', 'timeframe', 'how long', 'นานเท่าไร', 'ทำช่วงไหน', 'ดำเนินการเมื่อไร', 'ดำเนินการช่วงไหน']),
  owner: phrases(['ผู้รับผิดชอบ', 'รับผิดชอบ', 'หน่วยงานรับผิดชอบ', 'คนรับผิดชอบ', 'responsible', 'in charge', 'owner', 'ใครดูแล', 'ใครทำ']),
  summary: phrases(['สรุปผล', 'ผลการดำเนินการ', 'ผลการดำเนินงาน', 'ทำอะไรไปแล้ว', 'ทำไปแล้ว', 'ดำเนินการไปแล้ว', 'ความคืบหน้า', 'summary', 'progress', 'what was done']),
  outcome: phrases(['ผลลัพธ์', 'ความสำเร็จ', 'ผลสำเร็จ', 'ได้ผลอย่างไร', 'ได้ผลยังไง', 'เกิดผล', 'ประโยชน์', 'outcome', 'results', 'result', 'achievement']),
  budget: phrases(['งบประมาณ', 'งบ', 'ใช้เงิน', 'ใช้งบ', 'ค่าใช้จ่าย', 'ใช้จ่าย', 'ต้นทุน', 'expense', 'expenses', 'เงิน', 'บาท', 'budget', 'cost', 'money', 'spend', 'spent', 'งปม', 'ตังค์', 'ตัง']),
  subject: phrases(['ชื่อเรื่อง', 'เรื่องอะไร', 'ว่าด้วยอะไร', 'subject', 'title', 'about what']),
  date: phrases(['ลงนามวันไหน', 'ลงนามเมื่อไร', 'ลงนามเมื่อไหร่', 'ลงนามวันที่', 'signed on', 'วันที่', 'ลงวันที่', 'ออกวันไหน', 'ประกาศเมื่อ', 'ออกเมื่อ', 'ประกาศวันไหน', 'ออกประกาศเมื่อ', 'date', 'dated', 'ลงวันไหน']),
  signer: phrases(['ผู้ลงนาม', 'ลงนาม', 'ลงชื่อ', 'เซ็น', 'ลายเซ็น', 'คนเซ็น', 'signed', 'signer', 'sign', 'signature', 'ผู้ลงนาม']),
  position: phrases(['ตำแหน่ง', 'position', 'job title', 'ตำแหน่งอะไร']),
  issuer: phrases(['ออกประกาศ', 'ผู้ออกประกาศ', 'หน่วยงานที่ออก', 'ออกโดย', 'issued by', 'issuer', 'ใครประกาศ']),
  phone: phrases(['เบอร์', 'เบอร์โทร', 'เบอร์โทรศัพท์', 'เบอร์มือถือ', 'มือถือ', 'mobile', 'โทรศัพท์', 'หมายเลขโทรศัพท์', 'phone', 'telephone', 'tel', 'call', 'สายด่วน', 'hotline']),
  contact: phrases(['อีเมล', 'อีเมล์', 'email', 'e-mail', 'ที่อยู่', 'address', 'line id', 'ไลน์ไอดี', 'ไอดีไลน์', 'แฟกซ์', 'fax']),
};

/** Words that refer back to the previous answer ("แล้ว...ล่ะ", "อันนั้น", "ปีนั้น"). */
export const FOLLOW_UP_WORDS = phrases(['แล้ว', 'อันนี้', 'อันนั้น', 'เรื่องนี้', 'เรื่องนั้น', 'มาตรการนี้', 'มาตรการนั้น', 'ข้อนี้', 'ข้อนั้น', 'ของมัน', 'มัน', 'and', 'what about', 'how about', 'ส่วน']);

/** Fields a kind asks for when the question names none, by the kind of record it is about. */
export const KIND_FIELDS: Record<QuestionKind, readonly Field[]> = {
  who: ['owner', 'signer', 'issuer', 'agency'],
  when: ['period', 'date', 'fiscalYear'],
  howmuch: ['budget', 'score'],
  count: [],
  how: ['method'],
  result: ['outcome', 'summary', 'score'],
  where: ['province', 'district'],
  list: [],
  yesno: [],
  abbrev: ['itaName'],
};
