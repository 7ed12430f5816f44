import express from 'express';
import { messagingApi, middleware, type webhook } from '@line/bot-sdk';

/**
 * The baseline: @line/bot-sdk's canonical echo bot (express + the SDK middleware, replying
 * the text inside the webhook request), pointed at the loopback LINE stand-in.
 */
const secret = process.env.BENCH_SECRET!;
const client = new messagingApi.MessagingApiClient({
  channelAccessToken: process.env.BENCH_TOKEN!,
  baseURL: process.env.BENCH_LINE_URL!,
});
const app = express();

app.post('/webhook', middleware({ channelSecret: secret }), (req, res) => {
  Promise.all((req.body.events as webhook.Event[]).map(handleEvent))
    .then((result) => res.json(result))
    .catch(() => res.status(500).end());
});

function handleEvent(event: webhook.Event) {
  if (event.type !== 'message' || event.message.type !== 'text') return Promise.resolve(null);
  return client.replyMessage({
    replyToken: event.replyToken!,
    messages: [{ type: 'text', text: event.message.text }],
  });
}

const server = app.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));

// Exit cleanly when the benchmark is done, so profilers and open files are flushed.
process.on('SIGTERM', () => process.exit(0));
