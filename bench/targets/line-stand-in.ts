import { startLineStandIn } from '../../src/demo/line-stand-in.js';

/**
 * The loopback LINE API for the webhook benchmark, in a process of its own: reading the bots'
 * replies (ours are kilobytes of Flex) must not hold up the load generator's clock. It counts
 * the replies it took and tells the count when asked.
 */
const standIn = await startLineStandIn({ token: process.env.BENCH_TOKEN!, contract: false, maxCalls: 100 });
let replies = 0;
standIn.on('message', () => (replies += 1));
process.on('message', () => process.send?.({ replies }));
process.send?.({ url: standIn.url });
process.on('SIGTERM', () => process.exit(0));
