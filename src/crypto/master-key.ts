import type { Config } from '../config.js';
import { loadOrCreateDemoKey } from './key-file.js';

/** The data key: TIP_ENCRYPTION_KEY in live mode, demo mode's generated one otherwise. */
export function masterKey(config: Config): Promise<Buffer> {
  return config.tipEncryptionKey ? Promise.resolve(config.tipEncryptionKey) : loadOrCreateDemoKey(config.dataDir);
}
