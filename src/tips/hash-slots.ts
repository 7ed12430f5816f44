import type { ReceiptHasher } from './receipt-code.js';

/**
 * At most `slots` receipt hashes at once; the others wait their turn, in order, and none is
 * refused. scrypt runs on libuv's thread pool (4 threads), which file writes share (the
 * webhook inbox's fdatasync among them): however many clients look up receipts at once, two
 * threads stay free for the disk. Two slots also keep both cores of a small server busy.
 */
export function hashSlots(hash: ReceiptHasher, slots = 2): ReceiptHasher {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (receipt) => {
    if (running < slots) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await hash(receipt);
    } finally {
      // The slot passes straight to the next in line, or is freed
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
