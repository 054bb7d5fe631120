// A backend for the e2e stage: answers every request with its name.
// usage: node web.js <name> <host> <port>
'use strict';
const http = require('http');
const [name, host, port] = process.argv.slice(2);
if (!name || !host || !port) {
  console.error('usage: node web.js <name> <host> <port>');
  process.exit(2);
}
http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Web': name });
  res.end(name + '\n');
}).listen(Number(port), host, () => console.log(`${name} listening on ${host}:${port}`));
process.on('SIGTERM', () => process.exit(0));
