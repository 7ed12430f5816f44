import { launchChromium } from '../helpers/browser.js';
import { describeConsolePages } from './console-pages.js';

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);

// The console's pages at 360 px (test/console/console-pages.ts; the other width has a file of its own)
describeConsolePages(browser, 360);
