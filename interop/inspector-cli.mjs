// The MCP Inspector CLI through the gateway, N times over (issue 10: it must pass every run): lists the tools of
// an upstream McpServer at /mcp/<slug> and calls one, with an API key in the Authorization header.
// Too slow for the suite (npx starts the Inspector twice per run); run by hand:
//   node interop/inspector-cli.mjs [runs=20]        (after mvn package; PORTCULLIS_JAR overrides the jar)
// INSPECTOR may name an installed mcp-inspector binary; otherwise npx fetches @modelcontextprotocol/inspector.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { OWNER, startPortcullis } from './lib/support.mjs';

const RUNS = Number(process.argv[2] ?? 20);
const INSPECTOR = process.env.INSPECTOR ? [process.env.INSPECTOR] : ['npx', '-y', '@modelcontextprotocol/inspector@2.12.0'];

function inspector(args) {
  return new Promise((resolve) => {
    const [cmd, ...pre] = INSPECTOR;
    const child = spawn(cmd, [...pre, '--cli', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const upstream = createServer(async (req, res) => {
  const mcp = new McpServer({ name: 'inspector-echo', version: '1.0.0' });
  mcp.registerTool('echo', { description: 'Echo text', inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: 'text', text: `echo: ${text}` }] }));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => { transport.close(); mcp.close(); });
  await mcp.connect(transport);
  await transport.handleRequest(req, res);
});
await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
const server = await startPortcullis({ jvmArgs: ['-Dportcullis.outbound.allow-private-addresses=true'] });
let failures = 0;
try {
  const session = await (await fetch(`${server.baseUrl}/api/v2/users/login`, { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: OWNER.email, password: OWNER.password }) })).json();
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${session.session_token}` };
  const created = await fetch(`${server.baseUrl}/api/v2/mcp/servers`, { method: 'POST', headers: auth, body: JSON.stringify({
    display_name: 'Echo', slug: 'echo', url: `http://127.0.0.1:${upstream.address().port}/mcp`, auth_type: 'none', enabled: true }) });
  assert.equal(created.status, 201, await created.text());
  const { key } = await (await fetch(`${server.baseUrl}/api/v2/users/me/keys/tokens`, { method: 'POST', headers: auth,
    body: JSON.stringify({ token_name: 'inspector', scopes: ['mcp_gateway:use'] }) })).json();
  const target = [`${server.baseUrl}/mcp/echo`, '--transport', 'http', '--header', `Authorization: Bearer ${key}`];
  for (let run = 1; run <= RUNS; run++) {
    const listed = await inspector([...target, '--method', 'tools/list']);
    const called = await inspector([...target, '--method', 'tools/call', '--tool-name', 'echo', '--tool-arg', `text=run ${run}`]);
    const ok = listed.code === 0 && listed.out.includes('"echo"') && called.code === 0 && called.out.includes(`echo: run ${run}`);
    if (!ok) {
      failures++;
      console.log(`run ${run}: FAILED\n--- tools/list (exit ${listed.code})\n${listed.out}\n--- tools/call (exit ${called.code})\n${called.out}`);
    } else {
      console.log(`run ${run}: ok`);
    }
  }
} finally {
  await server.stop();
  upstream.closeAllConnections?.();
  upstream.close();
}
console.log(`MCP Inspector CLI through the gateway: ${RUNS - failures}/${RUNS} runs listed and called tools`);
process.exit(failures === 0 ? 0 : 1);
