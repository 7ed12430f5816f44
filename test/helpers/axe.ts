import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from './browser.js';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeProblem {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules) in the page and returns its serious and critical
 * violations. The script goes in through the debugger protocol (page.evaluate), which the
 * console's Content-Security-Policy does not govern: the page itself is left as it is served.
 */
export async function axeProblems(page: Page): Promise<AxeProblem[]> {
  const run = page as unknown as { evaluate<R>(source: string): Promise<R> };
  await run.evaluate<unknown>(`${AXE_SOURCE};0`);
  const json =
    await run.evaluate<string>(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
    .then((r) => JSON.stringify(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))))`);
  return JSON.parse(json) as AxeProblem[];
}
