// A minimal MCP-shaped upstream for the gateway benchmark: answers every POST with a small JSON-RPC result
// when the expected API key is present (401 otherwise). Usage: node bench/upstream.mjs <port> <key>
import { createServer } from 'node:http';

const [port, key] = process.argv.slice(2);
const body = JSON.stringify({ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'pong' }] } });
createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.headers['x-api-key'] !== key) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
}).listen(Number(port), '127.0.0.1');
