import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { RenderedImage } from './render-image.js';

/** The two @line/bot-sdk clients a rich menu needs: the API, and the data API for the image. */
export interface RichMenuClients {
  api: messagingApi.MessagingApiClient;
  blob: messagingApi.MessagingApiBlobClient;
}

export function richMenuClients(channel: {
  channelAccessToken: string;
  apiBaseUrl: string;
  dataApiBaseUrl: string;
}): RichMenuClients {
  return {
    api: new messagingApi.MessagingApiClient({
      channelAccessToken: channel.channelAccessToken,
      baseURL: channel.apiBaseUrl,
    }),
    blob: new messagingApi.MessagingApiBlobClient({
      channelAccessToken: channel.channelAccessToken,
      baseURL: channel.dataApiBaseUrl,
    }),
  };
}

/** A step LINE refused (status and LINE's own words) or could not be reached for (status null). */
export class RichMenuStepError extends Error {
  override name = 'RichMenuStepError';
  constructor(
    readonly step: string,
    readonly status: number | null,
    readonly reason: string,
    readonly requestId: string | null,
  ) {
    super(
      `${step}: ${status ? `LINE answered ${status}` : 'LINE could not be reached'}: ${reason}${requestId ? ` (x-line-request-id ${requestId})` : ''}`,
    );
  }
}

export interface InstallResult {
  richMenuId: string;
  /** Older menus of the same name, deleted once the new one was the default. */
  removed: string[];
}

/**
 * Installs a rich menu as LINE documents it: validate, create, upload the image (data API),
 * set as the default for every friend. A menu created but not completed is deleted again, and
 * once the new one is the default, earlier menus of the same name are removed, so repeated
 * runs do not pile up menus (LINE keeps at most 1,000 per channel).
 */
export async function installRichMenu(
  clients: RichMenuClients,
  request: messagingApi.RichMenuRequest,
  image: RenderedImage,
  progress: (line: string) => void = () => {},
): Promise<InstallResult> {
  await step('validate', () => clients.api.validateRichMenuObject(request));
  progress(`validated the menu (${request.areas?.length ?? 0} areas)`);
  const { richMenuId } = await step('create', () => clients.api.createRichMenu(request));
  progress(`created rich menu ${richMenuId}`);
  try {
    await step('upload image', () =>
      clients.blob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(image.data)], { type: image.contentType })),
    );
    progress(`uploaded the image (${image.contentType}, ${Math.round(image.data.length / 1024)} KB)`);
    await step('set default', () => clients.api.setDefaultRichMenu(richMenuId));
    progress('set it as the default rich menu for every friend');
  } catch (err) {
    // Best effort: a half-installed menu is of no use to anyone
    await clients.api.deleteRichMenu(richMenuId).catch(() => {});
    throw err;
  }
  const removed: string[] = [];
  const { richmenus } = await step('list menus', () => clients.api.getRichMenuList());
  for (const old of richmenus.filter((m) => m.name === request.name && m.richMenuId !== richMenuId)) {
    await step('delete old menu', () => clients.api.deleteRichMenu(old.richMenuId));
    removed.push(old.richMenuId);
  }
  if (removed.length) progress(`removed ${removed.length} earlier menu(s) named ${request.name}`);
  return { richMenuId, removed };
}

async function step<T>(name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toStepError(name, err);
  }
}

/** LINE's error body `{message, details: [{property, message}]}` as one line. */
function toStepError(name: string, err: unknown): RichMenuStepError {
  if (!(err instanceof HTTPFetchError)) {
    // Anything can be thrown, null included.
    const e = err as { message?: string; cause?: { code?: string; message?: string } } | null | undefined;
    const cause = e?.cause;
    return new RichMenuStepError(
      name,
      null,
      [e?.message ?? String(err), cause?.code ?? cause?.message].filter(Boolean).join(' '),
      null,
    );
  }
  let reason = err.body.slice(0, 300);
  try {
    const body = JSON.parse(err.body) as { message?: string; details?: { property?: string; message?: string }[] };
    const details = (body.details ?? []).slice(0, 3).map((d) => `${d.property ?? ''} ${d.message ?? ''}`.trim());
    reason = [body.message ?? '', ...details].filter(Boolean).join('; ');
  } catch {
    // not JSON: keep the start of the text
  }
  return new RichMenuStepError(
    name,
    err.status,
    reason.replace(/\s+/g, ' ') || err.statusText,
    err.headers.get('x-line-request-id'),
  );
}
