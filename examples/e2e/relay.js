// Relays for the e2e stage, run inside the cloud namespace.
//   tcp <listenHost> (<port> <unixSocketPath>)...   TCP on listenHost:port -> a Unix socket (the
//       test JVM serves the EC2 fake behind it: the only door between the namespaces and the host)
//   listen <host> (<port>)...   accepts and closes TCP connections: the VPC gateway the agents'
//       reachability guard (Heartbeat's ping node) connects to
'use strict';
const net = require('net');
const [mode, host, ...rest] = process.argv.slice(2);
if (mode === 'tcp' && rest.length >= 2 && rest.length % 2 === 0) {
  for (let i = 0; i < rest.length; i += 2) {
    const port = Number(rest[i]), path = rest[i + 1];
    net.createServer(c => {
      const u = net.connect({ path });
      c.pipe(u); u.pipe(c);
      const kill = () => { c.destroy(); u.destroy(); };
      c.on('error', kill); u.on('error', kill); c.on('close', kill); u.on('close', kill);
    }).listen(port, host, () => console.log(`tcp ${host}:${port} -> ${path}`));
  }
} else if (mode === 'listen' && rest.length >= 1) {
  for (const port of rest) {
    net.createServer(c => c.end()).listen(Number(port), host, () => console.log(`listening on ${host}:${port}`));
  }
} else {
  console.error('usage: node relay.js tcp <host> (<port> <unixPath>)... | listen <host> <port>...');
  process.exit(2);
}
process.on('SIGTERM', () => process.exit(0));
