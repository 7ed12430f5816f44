import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { messagingApi } from '@line/bot-sdk';
import { createDemoRouter } from '../../src/demo/demo-router.js';
import type { LineStandIn } from '../../src/demo/line-stand-in.js';

type Message = messagingApi.Message;
type FlexBubble = messagingApi.FlexBubble;

/**
 * A stand-in for the real bot while `createApp` is being written: checks the webhook signature
 * like LINE's middleware, answers through @line/bot-sdk pointed at the LINE stand-in, and mounts
 * the demo router as server.ts will. Replies are fixed so the page test can assert on them.
 */
export async function startFakeBot(opts: {
  standIn: LineStandIn;
  channelSecret: string;
  token: string;
  botName: string;
}) {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: opts.token, baseURL: opts.standIn.url });
  const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: opts.token, baseURL: opts.standIn.url });
  const events: Array<Record<string, any>> = [];
  const app = express();

  app.post('/webhook', express.raw({ type: '*/*' }), (req, res) => {
    const raw = req.body as Buffer;
    const expected = crypto.createHmac('sha256', opts.channelSecret).update(raw).digest('base64');
    if (req.get('x-line-signature') !== expected) return void res.sendStatus(401);
    res.sendStatus(200);
    for (const event of JSON.parse(raw.toString('utf8')).events) {
      events.push(event);
      handle(event).catch((err: Error) => console.error('fake bot:', err.message));
    }
  });

  const reply = (event: Record<string, any>, ...messages: Message[]) =>
    client.replyMessage({ replyToken: event.replyToken, messages });

  async function handle(event: Record<string, any>): Promise<void> {
    const userId = event.source.userId as string;
    if (event.type === 'follow') {
      await reply(event, {
        type: 'text',
        text: event.follow.isUnblocked ? 'ยินดีต้อนรับกลับมาค่ะ' : 'สวัสดีค่ะ ยินดีต้อนรับสู่บัญชีทดลองของเทศบาล',
        quickReply: {
          items: [
            { type: 'action', action: { type: 'message', label: 'ถามเรื่อง ITA', text: 'ITA คืออะไร' } },
            {
              type: 'action',
              action: { type: 'postback', label: 'ดูมาตรการ', data: 'a=measures', displayText: 'ขอดูมาตรการ' },
            },
          ],
        },
      });
    } else if (event.type === 'postback') {
      const params = event.postback.params ? ` ${JSON.stringify(event.postback.params)}` : '';
      await reply(event, { type: 'text', text: `ได้รับ postback ${event.postback.data}${params}` });
    } else if (event.type === 'message' && event.message.type === 'text') {
      const text = event.message.text as string;
      if (text.includes('ITA')) {
        await client.showLoadingAnimation({ chatId: userId, loadingSeconds: 5 });
        await new Promise((r) => setTimeout(r, 600));
        await reply(event, {
          type: 'flex',
          altText: 'ผลการประเมิน ITA',
          contents: { type: 'carousel', contents: [itaBubble(), showcaseBubble()] },
        });
      } else if (text === 'โชว์') {
        await reply(event, { type: 'flex', altText: 'ตัวอย่าง Flex', contents: showcaseBubble() });
      } else {
        await reply(event, { type: 'text', text: `ได้รับข้อความ: ${text}` });
      }
    } else if (event.type === 'message' && event.message.type === 'image') {
      const stream = await blob.getMessageContent(event.message.id);
      let bytes = 0;
      for await (const chunk of stream) bytes += (chunk as Buffer).length;
      await reply(event, { type: 'text', text: `ได้รับรูปภาพ ${bytes} ไบต์` });
    } else if (event.type === 'message') {
      await reply(event, { type: 'text', text: `ได้รับ ${event.message.type}` });
    }
  }

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app.use(
    '/',
    createDemoRouter({
      standIn: opts.standIn,
      channelSecret: opts.channelSecret,
      webhookUrl: `${url}/webhook`,
      botName: opts.botName,
    }),
  );

  return {
    url,
    events,
    client,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function itaBubble(): FlexBubble {
  return {
    type: 'bubble',
    size: 'kilo',
    header: {
      type: 'box',
      layout: 'vertical',
      backgroundColor: '#0B6E4F',
      contents: [
        { type: 'text', text: 'ผลการประเมิน ITA ปี พ.ศ. 2568', color: '#FFFFFF', weight: 'bold', wrap: true, size: 'lg' },
      ],
    },
    body: {
      type: 'box',
      layout: 'vertical',
      spacing: 'md',
      contents: [
        {
          type: 'box',
          layout: 'baseline',
          contents: [
            { type: 'text', text: 'คะแนนรวม', flex: 2, color: '#52606D' },
            { type: 'text', text: '92.45', flex: 1, weight: 'bold', size: 'xl', align: 'end', color: '#0B6E4F' },
          ],
        },
        { type: 'separator' },
        {
          type: 'text',
          text: 'การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ระดับ AA ผ่านเกณฑ์',
          wrap: true,
          maxLines: 2,
        },
      ],
    },
    footer: {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: [
        {
          type: 'button',
          style: 'primary',
          color: '#0B6E4F',
          action: { type: 'postback', label: 'ดูรายละเอียด', data: 'a=ita', displayText: 'ดูรายละเอียด ITA' },
        },
        {
          type: 'button',
          style: 'secondary',
          height: 'sm',
          action: {
            type: 'datetimepicker',
            label: 'เลือกวันที่',
            data: 'a=pick',
            mode: 'date',
            initial: '2025-01-15',
            min: '2024-01-01',
            max: '2026-12-31',
          },
        },
        {
          type: 'button',
          style: 'link',
          action: { type: 'uri', label: 'เว็บไซต์เทศบาล', uri: 'https://example.com/ita' },
        },
      ],
    },
  };
}

function showcaseBubble(): FlexBubble {
  return {
    type: 'bubble',
    size: 'kilo',
    hero: {
      type: 'image',
      url: 'https://example.com/hero.png',
      size: 'full',
      aspectRatio: '20:13',
      aspectMode: 'cover',
      backgroundColor: '#DDDDDD',
    },
    body: {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: [
        {
          type: 'text',
          text: 'หัวข้อ',
          weight: 'bold',
          size: 'xl',
          contents: [
            { type: 'span', text: 'ตัวอย่าง ' },
            { type: 'span', text: 'Flex', color: '#E53935', weight: 'bold' },
          ],
        },
        {
          type: 'box',
          layout: 'horizontal',
          spacing: 'md',
          contents: [
            {
              type: 'box',
              layout: 'vertical',
              backgroundColor: '#E3F4EC',
              cornerRadius: 'md',
              paddingAll: '8px',
              contents: [{ type: 'text', text: 'ซ้าย', align: 'center' }],
            },
            { type: 'separator', color: '#0B6E4F' },
            { type: 'filler' },
            {
              type: 'box',
              layout: 'vertical',
              backgroundColor: '#FFF3E0',
              cornerRadius: 'md',
              paddingAll: '8px',
              contents: [{ type: 'text', text: 'ขวา', align: 'center' }],
            },
          ],
        },
        {
          type: 'box',
          layout: 'baseline',
          spacing: 'sm',
          contents: [
            { type: 'icon', url: 'https://example.com/star.png', size: 'sm' },
            {
              type: 'text',
              text: 'ดาวเด่น ข้อความยาวมากที่ต้องตัดให้เหลือบรรทัดเดียวเพราะไม่ได้ตั้งค่า wrap',
              size: 'sm',
              color: '#52606D',
            },
          ],
        },
        { type: 'text', text: 'ข้อความนี้ย่อให้พอดีบรรทัดเดียว ตัวอักษรเล็กลงเอง', adjustMode: 'shrink-to-fit' },
        {
          type: 'text',
          text: 'ข้อความนี้ยาวและตัดเหลือสองบรรทัด ข้อความนี้ยาวและตัดเหลือสองบรรทัด ข้อความนี้ยาวและตัดเหลือสองบรรทัด ข้อความนี้ยาวและตัดเหลือสองบรรทัด',
          wrap: true,
          maxLines: 2,
          size: 'sm',
        },
        {
          type: 'button',
          style: 'primary',
          height: 'sm',
          action: { type: 'message', label: 'ส่งข้อความ', text: 'แตะปุ่มส่งข้อความ' },
        },
      ],
    },
  };
}
