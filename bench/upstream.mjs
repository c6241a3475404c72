// A minimal MCP-shaped upstream for the gateway benchmark: answers every POST with a small JSON-RPC result
// when the expected API key is present (401 otherwise). A tools/call of the tool "slow" is answered only after
// <slow-ms> (default 30 s): bench/run.sh keeps a hundred of those in flight while it times the token endpoint.
// Usage: node bench/upstream.mjs <port> <key> [slow-ms]
import { createServer } from 'node:http';

const [port, key, slowMs = '30000'] = process.argv.slice(2);
const body = JSON.stringify({ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'pong' }] } });
createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.headers['x-api-key'] !== key) {
      res.writeHead(401).end();
      return;
    }
    const answer = () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    if (chunks.length > 0 && Buffer.concat(chunks).includes('"name":"slow"')) {
      setTimeout(answer, Number(slowMs));
    } else {
      answer();
    }
  });
}).listen(Number(port), '127.0.0.1');
