// A loopback LINE stand-in in a process of its own: it answers every request 200 and notes
// when each arrived on its own clock, so the test's busy event loop cannot bunch or spread
// the arrival times it counts. GET /arrivals answers them as JSON [{at, path, token}].
// Prints {"port": N} on its first line once it listens; ends when its parent goes.
import http from 'node:http';

const arrivals = [];
let n = 0;
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/arrivals') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(arrivals));
    return;
  }
  arrivals.push({
    at: performance.now(),
    path: req.url ?? '',
    token: (req.headers.authorization ?? '').replace(/^Bearer /, ''),
  });
  req.resume();
  req.on('end', () => {
    n += 1;
    res.writeHead(200, { 'content-type': 'application/json', 'x-line-request-id': `req-${n}` });
    res.end('{}');
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
