// Preloaded into the LAN bench's server (node --require): times each save on the server itself,
// from the request's headers arriving to its response handed to the socket, and how busy the
// server's event loop was (event-loop utilization: SQLite's disk syncs count as busy, waiting for
// the network does not). Written as JSON to LAN_BENCH_TIMING_FILE when the server exits, so the
// bench can say what is the server's time and what the clients' (bench/scenarios/lan.ts). Uses
// Node's http diagnostics channels: nothing in the server knows it is being timed.
const dc = require('node:diagnostics_channel');
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const file = process.env.LAN_BENCH_TIMING_FILE;
if (file) {
  const started = new WeakMap();
  const saves = [];
  const now = () => performance.timeOrigin + performance.now();
  const busyMs = () => performance.eventLoopUtilization().active;
  dc.subscribe('http.server.request.start', ({ request }) => {
    if (request.url && request.url.startsWith('/api/rpc/results.set')) started.set(request, { start: now(), busyAtStart: busyMs() });
  });
  dc.subscribe('http.server.response.finish', ({ request }) => {
    const s = started.get(request);
    if (s) saves.push({ ...s, end: now(), busyAtEnd: busyMs() });
  });
  process.on('exit', () => fs.writeFileSync(file, JSON.stringify(saves)));
}
