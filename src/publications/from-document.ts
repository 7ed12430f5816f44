import os from 'node:os';
import path from 'node:path';
import type { ContentDocument } from '../content/model.js';
import { LIMITS } from './publication.js';
import { requestPublication } from './spool-client.js';
import { validatePublicationInput } from './validate-input.js';

/**
 * An imported document as a publication: an announcement goes to the `announcement` topic
 * (subject, preamble, its sections), a report of measures to `measure`, an ITA result alone to
 * `report`. The id comes from the document's, so importing it again never publishes twice.
 */
function publicationFromDocument(doc: ContentDocument): { id: string; input: Record<string, string> } {
  const id = `pub-${doc.id}`.slice(0, 64);
  const agency = doc.announcement?.agency ?? doc.ita?.agency ?? '';
  if (doc.announcement) {
    const a = doc.announcement;
    const sections = a.sections.map((s, i) => `${i + 1}. ${s.title}`).join('\n');
    return {
      id,
      input: {
        topic: 'announcement',
        title: `ประกาศ${a.agency} เรื่อง ${a.subject}`,
        body: clip([a.preamble.trim(), sections].filter(Boolean).join('\n\n')),
      },
    };
  }
  if (doc.measures.length > 0) {
    const list = doc.measures.map((m) => `${m.order}. ${m.title}`).join('\n');
    return {
      id,
      input: { topic: 'measure', title: `มาตรการส่งเสริมคุณธรรมและความโปร่งใส ${agency}`.trim(), body: clip(list) },
    };
  }
  const ita = doc.ita!;
  return {
    id,
    input: {
      topic: 'report',
      title: ita.title,
      body: clip(ita.summary.trim() || `${ita.agency} ได้คะแนน ITA ${ita.score.toFixed(2)}`),
    },
  };
}

function clip(text: string): string {
  return text.length <= LIMITS.body ? text : `${text.slice(0, LIMITS.body - 1)}…`;
}

/** `npm run import -- FILE --publish`: hands the document's publication to the bot; the line to print. */
export async function publishImported(doc: ContentDocument, dataDir: string, now = new Date()): Promise<string> {
  const { id, input } = publicationFromDocument(doc);
  validatePublicationInput(input, now);
  const request = {
    v: 1 as const,
    id,
    input,
    author: { actor: `import:${os.userInfo().username}`, source: 'import' as const },
    requestedAt: now.toISOString(),
  };
  const outcome = await requestPublication(path.join(dataDir, 'state'), request);
  if (outcome.kind === 'queued')
    return `queued ${id}: ${outcome.botRunning ? 'the bot has not taken it yet' : 'the bot publishes it when it starts'}`;
  if (outcome.receipt.error) throw new Error(outcome.receipt.error);
  return `published ${id}: ${outcome.receipt.status === 'sending' || outcome.receipt.status === 'sent' ? `sending to ${outcome.receipt.recipients ?? 0} subscriber(s)` : outcome.receipt.status}`;
}
