// Sends multipart uploads to the bot from a process of its own (nock, loaded in the test's
// process, keeps a copy of every request body it sees). Each body is written chunk by chunk
// with backpressure, so this process holds 64 KB per upload whatever the size.
// Usage: node upload-sender.mjs '<json: {url, uploads: [{path, fields, files: [{name, size, head?, tail?}], chunked?, declare?, cutAfter?}]}>'
// Prints a JSON array of {status, body} (status 0 when the connection was cut on purpose).
import http from 'node:http';

const ZEROS = Buffer.alloc(64 * 1024);
const BOUNDARY = '----upload-test-boundary';

function partsOf(fields, files) {
  const out = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  for (const file of files) {
    out.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="evidence"; filename="${file.name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
    );
    out.push(
      { size: file.size, head: Buffer.from(file.head ?? '', 'base64'), tail: Buffer.from(file.tail ?? '', 'base64') },
      Buffer.from('\r\n'),
    );
  }
  out.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return out;
}

async function writeParts(req, parts, cutAfter) {
  let sent = 0;
  const write = (chunk) => {
    sent += chunk.length;
    if (cutAfter !== undefined && sent > cutAfter) throw new Error('cut');
    return req.write(chunk) ? undefined : new Promise((r) => req.once('drain', r));
  };
  for (const part of parts) {
    if (Buffer.isBuffer(part)) {
      await write(part);
      continue;
    }
    await write(part.head);
    for (let left = part.size - part.head.length - part.tail.length; left > 0; left -= ZEROS.length)
      await write(left >= ZEROS.length ? ZEROS : ZEROS.subarray(0, left));
    await write(part.tail);
  }
}

function send(url, spec) {
  const parts = partsOf(spec.fields, spec.files);
  const length = parts.reduce((n, p) => n + (Buffer.isBuffer(p) ? p.length : p.size), 0);
  const headers = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
  if (!spec.chunked) headers['content-length'] = spec.declare ?? length;
  return new Promise((resolve) => {
    const req = http.request(new URL(spec.path, url), { method: 'POST', headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') });
        // An answer before the whole body was sent (refused unread): stop sending
        req.destroy();
      });
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    writeParts(req, parts, spec.cutAfter).then(
      () => req.end(),
      () => req.destroy(),
    );
  });
}

const { url, uploads } = JSON.parse(process.argv[2]);
process.stdout.write(JSON.stringify(await Promise.all(uploads.map((u) => send(url, u)))));
