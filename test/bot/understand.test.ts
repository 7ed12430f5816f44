import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS, understand, type Understanding } from '../../src/bot/understand.js';
import { findReceipt } from '../../src/bot/receipt.js';
import { measureOrder, shippedSearch, type ShippedSearch } from '../helpers/shipped-search.js';

let shipped: ShippedSearch;
beforeAll(async () => {
  shipped = await shippedSearch();
});

function intentOf(text: string): Understanding['intent'] {
  return understand(text, shipped.index).intent;
}

function expectIntent(intent: Understanding['intent'], messages: string[]): void {
  for (const message of messages) expect(intentOf(message), message).toBe(intent);
}

describe('understand: small talk and menu', () => {
  it('when the message is only a greeting, then it is a greeting', () => {
    expectIntent('greeting', ['สวัสดีครับ', 'หวัดดีค่ะ', 'ดีจ้า', 'Hello', 'hi!']);
  });

  it('when the message is only thanks, then it is thanks', () => {
    expectIntent('thanks', ['ขอบคุณครับ', 'ขอบคุณมากค่ะ', 'thank you', 'ok ขอบใจ']);
  });

  it('when a greeting opens a real question, then the question is answered', () => {
    const result = understand('สวัสดีครับ อยากทราบว่า ITA ได้กี่คะแนน', shipped.index);
    expect(result.intent === 'search' ? result.best?.item.kind : result.intent).toBe('ita');
  });

  it('when the resident asks for the menu or help, then it is the menu', () => {
    expectIntent('menu', ['เมนู', 'help', 'ช่วยเหลือ', 'ทำอะไรได้บ้าง', 'บอททำอะไรได้บ้างคะ', 'เมนูหลักครับ']);
  });
});

describe('understand: tips', () => {
  it('when the resident wants to report or describes wrongdoing, then the tip flow starts', () => {
    expectIntent('tip', [
      'แจ้งเบาะแส',
      'อยากแจ้งเบาะแส',
      'แจ้งเบาแส',
      'ทุจริต',
      'โกง',
      'สินบน',
      'มีเจ้าหน้าที่เรียกรับสินบน',
      'ร้องเรียนการทุจริต',
      'เจ้าหน้าที่เรียกเงินค่าทำเรื่อง',
      'ผมโดนเรียกรับเงิน',
      'I want to report corruption',
      'เห็นปลัดโกงงบหมู่บ้าน',
    ]);
  });

  it('when the resident asks about anti-corruption policy, then it is a search, not a tip', () => {
    expectIntent('search', ['มาตรการป้องกันการทุจริตมีอะไรบ้าง', 'เทศบาลมีนโยบายต่อต้านการโกงอย่างไร', 'ทุจริตคืออะไร']);
  });

  it('when an account tells of money taken with no receipt (Central Thai or Isan), then the tip flow starts; asking about it does not', () => {
    expectIntent('tip', [
      'เจ้าหน้าที่กองช่างรับเงินค่าปรับแล้วไม่ออกใบเสร็จ',
      'จ่ายค่าขยะแล้วเขาบ่ให้ใบเสร็จ',
      'พนักงานเก็บเงินเกินค่าธรรมเนียม',
    ]);
    expectIntent('search', ['ถ้าเจ้าหน้าที่ไม่ออกใบเสร็จ ต้องแจ้งที่ไหน', 'ไม่ออกใบเสร็จ มีมาตรการอะไรป้องกัน']);
  });

  it('when money is mentioned without wrongdoing, then it is not a tip', () => {
    expect(intentOf('ขอเงินช่วยเหลือน้ำท่วม')).not.toBe('tip');
    expect(intentOf('ค่าธรรมเนียมเก็บขยะเท่าไหร่')).not.toBe('tip');
  });
});

describe('understand: asking about reporting is not reporting', () => {
  it('when the resident asks where or how to complain, or which number to call, then it is a question, not the tip flow', () => {
    expectIntent('search', [
      'ร้องเรียนนายกได้ที่ไหน',
      'จะร้องเรียนนายกเทศมนตรีต้องทำยังไง',
      'แจ้งเบาะแสทุจริตได้ที่ไหน',
      'ผมจะร้องเรียนผู้บริหารได้ช่องทางไหน',
      'how can I complain about the mayor',
      'โทรแจ้งทุจริตเบอร์อะไร',
    ]);
  });

  it('when the resident wishes to report or describes what was seen, then the tip flow starts even with a question word', () => {
    expectIntent('tip', ['อยากร้องเรียนนายก', 'ขอแจ้งเบาะแสที่ไหนก็ได้', 'ผมเห็นเจ้าหน้าที่รับเงินใต้โต๊ะ จะแจ้งที่ไหน', 'แจ้งเบาะแส']);
  });

  it('when the resident asks how to subscribe, then it is a question; asking to subscribe still subscribes', () => {
    expectIntent('search', ['สมัครรับข่าวยังไง']);
    expectIntent('subscribe', ['ขอรับข่าวสารด้วยครับ']);
  });

  it('when a menu word comes with an asking word, then a fact is asked for, not the menu', () => {
    expectIntent('search', ['ประกาศเรื่องอะไร', 'ผล ITA ได้กี่คะแนน']);
    expectIntent('measures', ['มาตรการทั้งหมด']);
  });
});

describe('understand: news subscriptions', () => {
  it('when the resident asks to receive news, then it is subscribe', () => {
    expectIntent('subscribe', [
      'สมัครรับข่าวสาร',
      'ขอรับข่าวสารด้วยครับ',
      'รับข่าวด้วย',
      'subscribe',
      'สมัคร รับข่าวสาร',
      'สมัคครรับข่าวสาร',
    ]);
  });

  it('when the resident asks to stop the news, then it is unsubscribe, even though "รับข่าวสาร" is inside', () => {
    expectIntent('unsubscribe', [
      'ยกเลิกรับข่าวสาร',
      'ยกเลิกรับข่าวสาน',
      'เลิกส่งข่าวให้ฉัน',
      'ไม่ต้องส่งข่าวแล้ว',
      'unsubscribe',
      'stop',
      'STOP',
      'ไม่อยากได้ข่าวแล้วค่ะ',
    ]);
  });

  it('when the resident says in Isan they no longer want news, then it is unsubscribe; asking how or what to type is a question', () => {
    expectIntent('unsubscribe', ['บ่อยากได้ข่าวแล้ว', 'บ่เอาข่าวแล้วเด้อ']);
    expectIntent('search', ['เลิกรับข่าวต้องพิมพ์อะไร', 'บ่อยากรับข่าวแล้ว ต้องเฮ็ดจั่งใด', 'how do I stop the news']);
  });

  it('when Isan "how" is typed with another tone mark (จั๋งใด, จังได๋), then asking how to stop the news stays a question', () => {
    expectIntent('search', ['บ่เอาข่าวแล้ว เฮ็ดจั๋งใด', 'บ่อยากรับแจ้งเตือนแล้ว จังได๋']);
    expectIntent('unsubscribe', ['บ่เอาข่าวแล้ว']);
  });

  it('when "ทำไมต้อง" (why must) is one tone mark from "ไม่ต้อง", then a question about public information is no unsubscribe', () => {
    expectIntent('search', ['ทำไมต้องมีช่องทางบริการข้อมูลข่าวสาร']);
    expectIntent('unsubscribe', ['ไม่ต้องส่งข่าวแล้ว']);
  });

  it('when the ITA report is asked for in English, or when a report is made, then it is a question, not the tip flow', () => {
    expectIntent('search', [
      'where can I read the ITA report',
      'I want the annual report',
      'How often are search statistics reported to executives?',
    ]);
    // "statistics" is one letter from "status": no receipt is asked for.
    expectIntent('search', ['search statistics of the website']);
    expectIntent('tip', ['I want to report corruption']);
  });

  it('when a stop word is only part of another word ("ปิด" in "เปิดเผย"), then it does not unsubscribe', () => {
    expect(intentOf('เทศบาลเปิดเผยข่าวสารอะไรบ้าง')).toBe('search');
    expect(intentOf('ปิดการแจ้งเตือนข่าว')).toBe('unsubscribe');
  });

  it('when the resident asks what is new, then it is latest', () => {
    expectIntent('latest', ['ข่าวล่าสุด', 'มีข่าวอะไรใหม่', 'ข่าวล่าสุดครับ']);
  });

  it('when "ข่าวสาร" is part of a question about public information, then it is a search', () => {
    const result = understand('ข้อมูลข่าวสารของราชการ มาตรา ๙', shipped.index);
    expect(result.intent).toBe('search');
    expect(result.intent === 'search' && result.best && measureOrder(shipped, result.best.item)).toBe(3);
  });

  it('when the announcement is asked for whole (ฉบับเต็ม, ทั้งฉบับ), then the announcement is shown', () => {
    expectIntent('announcement', ['ขอดูประกาศทั้งฉบับ', 'ประกาศฉบับเต็ม']);
  });

  it('when ควร is spelt as it sounds (ควน) or ฤ as ริ (ประพริต), then the ethics measure is found', () => {
    for (const text of ['พนักงานควนทำอะไรบ้าง', 'เรื่องความประพริติของพนักงาน']) {
      const result = understand(text, shipped.index);
      expect(result.intent === 'search' && result.best && measureOrder(shipped, result.best.item), text).toBe(1);
    }
  });
});

describe('understand: tip status', () => {
  it('when "สถานะ" comes with a receipt in any writing, then the receipt is read as 16 Arabic digits', () => {
    for (const text of [
      'สถานะ 1234 5678 9012 3456',
      'สถานะ ๑๒๓๔-๕๖๗๘-๙๐๑๒-๓๔๕๖',
      'เช็คสถานะ 1234567890123456',
      'สถานะ\u200B 1234–5678–9012–3456',
    ]) {
      expect(understand(text, shipped.index), text).toEqual({ intent: 'status', receipt: '1234567890123456' });
    }
  });

  it('when "สถานะ" comes without a receipt, then the receipt is null', () => {
    expect(understand('สถานะ', shipped.index)).toEqual({ intent: 'status', receipt: null });
    expect(understand('สถานะ 1234 5678', shipped.index)).toEqual({ intent: 'status', receipt: null });
  });

  it('when the message is only a receipt, then it asks for its status', () => {
    expect(understand('1234-5678-9012-3456', shipped.index)).toEqual({ intent: 'status', receipt: '1234567890123456' });
    expect(findReceipt('เลข 12345678901234567')).toBeNull();
  });
});

describe('understand: privacy and menu commands', () => {
  it('when the resident asks about privacy or to erase their data, then those intents answer', () => {
    expectIntent('privacy', ['ความเป็นส่วนตัว', 'นโยบายความเป็นส่วนตัว', 'privacy']);
    expectIntent('erase', ['ลบข้อมูลของฉัน', 'ช่วยลบข้อมูลของฉันด้วยค่ะ', 'delete my data']);
  });

  it('when a menu word is the whole message, then it is that command', () => {
    expectIntent('ita', ['ผล ITA', 'ITA', 'ผลITA']);
    expectIntent('measures', ['มาตรการ', 'มาตรการทั้งหมด', 'มาตรการมีอะไรบ้าง']);
    expectIntent('announcement', ['ประกาศ', 'ขอดูประกาศหน่อยครับ']);
  });

  it('when a menu word is part of a longer question, then the question is searched', () => {
    expectIntent('search', ['ITA ได้กี่คะแนน', 'มาตรการตรวจสอบการใช้ดุลพินิจ', 'มาตรการที่ ๓', 'ประกาศลงวันที่ ๑๐ มกราคม']);
  });
});

describe('understand: search', () => {
  it('when the question matches content, then the search result carries the best item and the normalized text', () => {
    const result = understand('การตรวจสอบดุลพินิจของเจ้าหน้าที่ครับบบ', shipped.index);
    expect(result.intent).toBe('search');
    if (result.intent !== 'search') return;
    expect(measureOrder(shipped, result.best!.item)).toBe(2);
    expect(result.normalized).toBe('การตรวจสอบดุลพินิจของเจ้าหน้าที่ครับ');
  });

  it('when the question asks by which way or names a control verb, then the frame is not searched as a subject', () => {
    const disclosure = understand('ประชาชนดูข้อมูลข่าวสารของเทศบาลได้ทางใด', shipped.index);
    expect(disclosure.intent === 'search' && disclosure.best && measureOrder(shipped, disclosure.best.item)).toBe(3);
    const discretion = understand('มีมาตรการคุมการใช้ดุลยพินิจไหม', shipped.index);
    expect(discretion.intent === 'search' && discretion.best && measureOrder(shipped, discretion.best.item)).toBe(2);
  });

  it('when the question is out of scope, then the search has no best item', () => {
    for (const text of ['ร้านกาแฟแถวนี้มีที่ไหนบ้าง', 'qwerty', 'พรุ่งนี้ฝนตกไหม', 'ขอเบอร์ร้านส้มตำ', '👍']) {
      expect(understand(text, shipped.index), text).toMatchObject({ intent: 'search', best: null, runnersUp: [] });
    }
  });
});

describe('understand on very long messages', () => {
  it('when a message is a pasted page, then only its start is read and the intent still comes from it', async () => {
    const { index } = shipped;
    const long = 'อยากแจ้งเบาะแส ' + 'มีเจ้าหน้าที่เรียกรับเงินจากชาวบ้าน '.repeat(300);
    expect(long.length).toBeGreaterThan(5000);
    expect(understand(long, index).intent).toBe('tip');
    const question = 'ITA ได้กี่คะแนน ' + 'x'.repeat(6000);
    const u = understand(question, index);
    expect(u.intent).toBe('search');
    if (u.intent === 'search') expect(u.normalized.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
  });
});

describe('understand: greetings with an occasion, the day asked, asking about a tip', () => {
  it('when a greeting names only an occasion, then it is a greeting; with a question after it, the question is searched', () => {
    expectIntent('greeting', ['สวัสดีปีใหม่ครับ', 'สวัสดีตอนเช้าค่ะ', 'happy new year', 'สุขสันต์วันสงกรานต์']);
    expect(intentOf('สวัสดีปีใหม่ครับ ITA ได้กี่คะแนน')).toBe('search');
  });

  it('when the day, the date or the time is asked, then nothing is searched', () => {
    for (const text of ['วันนี้วันอะไร', 'วันนี้วันที่เท่าไหร่', 'what day is it today?']) {
      const result = understand(text, shipped.index);
      expect(result.intent, text).toBe('search');
      expect(result.intent === 'search' ? [result.best, result.shape.fields, result.shape.subject] : null).toEqual([
        null,
        [],
        '',
      ]);
    }
  });

  it('when someone asks how to follow a tip up, then it is a question; a receipt or the word alone still asks for the status', () => {
    expectIntent('search', ['จะติดตามเรื่องที่แจ้งเบาะแสไปยังไง', 'ติดตามสถานะเรื่องร้องเรียนทำยังไง']);
    expect(understand('สถานะ 1234 5678 9012 3456 ยังไง', shipped.index)).toEqual({
      intent: 'status',
      receipt: '1234567890123456',
    });
    expectIntent('status', ['สถานะ', 'ติดตามเรื่อง']);
  });

  it('when someone asks whether a tip can be given anonymously, then it is a question; a witnessed account still starts the tip', () => {
    expectIntent('search', ['อยากแจ้งทุจริตแบบไม่บอกชื่อ ได้บ่', 'แจ้งเบาะแสแบบไม่ระบุชื่อได้ไหม']);
    // A feared outcome ("กลัวถูก…", "ถ้าโดน…") is no account of something that happened.
    expectIntent('search', ['แจ้งทุจริตไม่ระบุชื่อได้มั้ย เกรงถูกกลั่นแกล้ง']);
    expectIntent('tip', ['โดนเจ้าหน้าที่เรียกเงินค่าใบอนุญาต']);
    // Seen in the news, or "our town", is no account: the score question stays a question.
    expectIntent('search', ['เห็นข่าวทุจริตบ่อย อยากรู้ว่าคะแนนความโปร่งใสเท่าไหร่', 'ข่าวโกงเยอะ บ้านเราได้คะแนน ita เท่าไหร่']);
    expectIntent('tip', ['เราเห็นพนักงานโกงเงินค่าขยะ']);
    // Staff demanding money, told as it happened, is an account even when it asks how to report; "ถ้า…" is supposed.
    expectIntent('tip', ['เจ้าหน้าที่กองคลังขอเงินค่าน้ำร้อนน้ำชา แจ้งที่ไหนได้บ้าง']);
    expectIntent('search', ['ถ้า จนท. ขอเงินค่าเซ็น จะแจ้งที่ไหน']);
    expectIntent('tip', ['ผมเห็นเจ้าหน้าที่เรียกเงิน แจ้งได้ไหม', 'อยากแจ้งเบาะแส', 'แจ้งเบาะแส']);
  });

  it('when someone wants alerts of the news, then it subscribes; a refusal still unsubscribes', () => {
    expectIntent('subscribe', ['อยากรับแจ้งเตือนข่าวประชาสัมพันธ์ของเทศบาล']);
    expectIntent('unsubscribe', ['ไม่อยากรับแจ้งเตือนข่าวแล้ว']);
  });
});

describe('understand: a story told before the question', () => {
  const shapeOf = (text: string) => {
    const result = understand(text, shipped.index);
    return result.intent === 'search' ? result.shape : null;
  };

  it('when a long message ends with the question, then the question sentence is what is asked', () => {
    const shape = shapeOf(
      'สวัสดีครับ ลุงไปตลาดมาเมื่อเช้า เห็นป้ายติดอยู่หน้าที่ทำการเทศบาล ตาไม่ค่อยดีอ่านไม่ออก อยากรู้ว่าใครเซ็นประกาศฉบับนั้น',
    );
    expect(shape?.fields).toEqual(['signer']);
    expect(shape?.time.rest).not.toMatch(/ตลาด/);
  });

  it('when a long story describes wrongdoing, then it still starts the tip flow', () => {
    expectIntent('tip', [
      'สวัสดีครับ เมื่อวานผมไปติดต่อขออนุญาตก่อสร้างที่เทศบาล เจ้าหน้าที่เรียกเงินใต้โต๊ะสามพันบาท ไม่ให้ก็ไม่ออกใบอนุญาต ผมอยากแจ้งเบาะแส',
    ]);
  });

  it('when a short question finds nothing, then it is not split into parts', () => {
    expect(shapeOf('ใครเซ็น ประกาศ ฉบับนั้น')?.time.rest).toMatch(/ใครเซ็น/);
  });
});
