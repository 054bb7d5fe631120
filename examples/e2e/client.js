// The e2e client: a steady, bounded stream of HTTP GETs to each target (a new connection per
// request, so every request is steered by the current DNAT rule), one result line per request:
//   R <startEpochMs> <target> ok <latencyMs> <lb>        (lb = HAProxy's X-LB header)
//   R <startEpochMs> <target> fail <latencyMs> <reason>
// It stops after <maxSeconds> or when stdin closes or reads "stop", then prints "DONE".
// usage: node client.js <intervalMs> <timeoutMs> <maxSeconds> <ip[:port]>...
'use strict';
const http = require('http');
const [intervalMs, timeoutMs, maxSeconds, ...targets] = process.argv.slice(2);
if (!targets.length) {
  console.error('usage: node client.js <intervalMs> <timeoutMs> <maxSeconds> <ip[:port]>...');
  process.exit(2);
}
const interval = Number(intervalMs), timeout = Number(timeoutMs);
let inFlight = 0, stopping = false;
const out = [];
function flush() {
  if (out.length) { process.stdout.write(out.join('')); out.length = 0; }
}
function fire(target) {
  const [host, port] = target.split(':');
  const start = Date.now();
  let done = false;
  const finish = (ok, detail) => {
    if (done) return;
    done = true;
    inFlight--;
    out.push(`R ${start} ${host} ${ok ? 'ok' : 'fail'} ${Date.now() - start} ${detail}\n`);
  };
  inFlight++;
  const req = http.get({ host, port: Number(port || 80), path: '/', agent: false, timeout }, res => {
    let body = '';
    res.on('data', d => { body += d; });
    res.on('end', () => finish(res.statusCode === 200, res.statusCode === 200
      ? (res.headers['x-lb'] || 'unknown') + '/' + body.trim() : 'status-' + res.statusCode));
    res.on('error', e => finish(false, e.code || 'error'));
  });
  req.on('timeout', () => { req.destroy(new Error('timeout')); });
  req.on('error', e => finish(false, e.code || e.message.replace(/\s+/g, '_')));
}
const timers = targets.map(t => setInterval(() => { if (!stopping) fire(t); }, interval));
const flusher = setInterval(flush, 100);
function stop() {
  if (stopping) return;
  stopping = true;
  timers.forEach(clearInterval);
  const wait = setInterval(() => {
    if (inFlight === 0) {
      clearInterval(wait);
      clearInterval(flusher);
      flush();
      process.stdout.write('DONE\n', () => process.exit(0));
    }
  }, 20);
}
setTimeout(stop, Number(maxSeconds) * 1000);
process.stdin.on('data', d => { if (String(d).includes('stop')) stop(); });
process.stdin.on('end', stop);
process.on('SIGTERM', stop);
