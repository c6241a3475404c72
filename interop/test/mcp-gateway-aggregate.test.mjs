// Two gateway features with the MCP TypeScript SDK on both sides: a legacy HTTP+SSE upstream (the SDK's
// SSEServerTransport, MCP 2024-11-05) reached through /mcp/<slug> by the SDK's Streamable HTTP client, progress
// included; and the aggregated /mcp, which lists the tools of two upstreams as <slug>__<tool>, calls each, and
// neither lists nor calls a tool the server's policy denies.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { OWNER, startPortcullis } from '../lib/support.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let legacy;
let modern;
let server;
let key;
const legacySaw = [];

function legacyServer() {
  const mcp = new McpServer({ name: 'legacy-sse', version: '1.0.0' });
  mcp.registerTool('shout', { description: 'Upper-cases text', inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: 'text', text: text.toUpperCase() }] }));
  mcp.registerTool('count', { description: 'Three progress notifications half a second apart', inputSchema: {} },
    async (_args, extra) => {
      for (let i = 1; i <= 3; i++) {
        await extra.sendNotification({ method: 'notifications/progress',
          params: { progressToken: extra._meta?.progressToken, progress: i, total: 3 } });
        await sleep(500);
      }
      return { content: [{ type: 'text', text: 'counted' }] };
    });
  return mcp;
}

function modernServer() {
  const mcp = new McpServer({ name: 'modern', version: '1.0.0' });
  mcp.registerTool('add', { description: 'Adds two numbers', inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
  mcp.registerTool('wipe', { description: 'Denied by the policy', inputSchema: {} },
    async () => ({ content: [{ type: 'text', text: 'wiped' }] }));
  return mcp;
}

before(async () => {
  const transports = new Map();
  legacy = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    legacySaw.push({ method: req.method, path: url.pathname, apiKey: req.headers['x-api-key'] });
    if (req.headers['x-api-key'] !== 'legacy-key') {
      res.writeHead(401).end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/sse') {
      const transport = new SSEServerTransport('/messages', res);
      transports.set(transport.sessionId, transport);
      res.on('close', () => transports.delete(transport.sessionId));
      await legacyServer().connect(transport);
      return;
    }
    const transport = transports.get(url.searchParams.get('sessionId'));
    if (req.method === 'POST' && url.pathname === '/messages' && transport) {
      await transport.handlePostMessage(req, res);
      return;
    }
    res.writeHead(404).end('no such session');
  });
  modern = createServer(async (req, res) => {
    const mcp = modernServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => { transport.close(); mcp.close(); });
    await mcp.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise((r) => legacy.listen(0, '127.0.0.1', r));
  await new Promise((r) => modern.listen(0, '127.0.0.1', r));
  server = await startPortcullis({ jvmArgs: ['-Dportcullis.outbound.allow-private-addresses=true'] });
  const session = await (await fetch(`${server.baseUrl}/api/v2/users/login`, { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: OWNER.email, password: OWNER.password }) })).json();
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${session.session_token}` };
  for (const body of [
    { display_name: 'Legacy', slug: 'legacy', transport: 'sse', url: `http://127.0.0.1:${legacy.address().port}/sse`,
      auth_type: 'api_key', api_key_header: 'X-Api-Key', api_key_value: 'legacy-key', availability: 'force_on', enabled: true },
    { display_name: 'Modern', slug: 'modern', url: `http://127.0.0.1:${modern.address().port}/mcp`, auth_type: 'none',
      tool_deny_list: ['wipe'], availability: 'default_on', enabled: true },
    // default_off (the default) with no per-user connection to turn it on: reachable at /mcp/hidden, not part of /mcp
    { display_name: 'Hidden', slug: 'hidden', url: `http://127.0.0.1:${modern.address().port}/mcp`, auth_type: 'none', enabled: true },
  ]) {
    const created = await fetch(`${server.baseUrl}/api/v2/mcp/servers`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    assert.equal(created.status, 201, await created.text());
  }
  const token = await fetch(`${server.baseUrl}/api/v2/users/me/keys/tokens`, { method: 'POST', headers: auth,
    body: JSON.stringify({ token_name: 'aggregate interop', scopes: ['mcp_gateway:use'] }) });
  assert.equal(token.status, 201, await token.clone().text());
  key = (await token.json()).key;
});

after(async () => {
  await server?.stop();
  for (const s of [legacy, modern]) {
    s?.closeAllConnections?.();
    await new Promise((r) => (s ? s.close(r) : r()));
  }
});

async function connect(path) {
  const client = new Client({ name: 'aggregate-interop', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.baseUrl}${path}`),
    { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
  return client;
}

test('a legacy HTTP+SSE upstream answers a Streamable HTTP client through /mcp/<slug>, progress before the result', async () => {
  const client = await connect('/mcp/legacy');
  const tools = await client.listTools();
  assert.deepEqual(tools.tools.map((t) => t.name).sort(), ['count', 'shout']);
  const shouted = await client.callTool({ name: 'shout', arguments: { text: 'through the bridge' } });
  assert.equal(shouted.content[0].text, 'THROUGH THE BRIDGE');
  const started = Date.now();
  const progress = [];
  const counted = await client.callTool({ name: 'count', arguments: {} }, undefined,
    { onprogress: (p) => progress.push({ at: Date.now() - started, progress: p.progress }) });
  const finished = Date.now() - started;
  assert.equal(counted.content[0].text, 'counted');
  assert.deepEqual(progress.map((p) => p.progress), [1, 2, 3]);
  assert.ok(progress[0].at < finished - 1000, `first progress at ${progress[0].at} ms, result at ${finished} ms`);
  await client.close();
  assert.ok(legacySaw.some((s) => s.method === 'GET' && s.path === '/sse'), 'the bridge opened the event stream');
  assert.ok(legacySaw.every((s) => s.apiKey === 'legacy-key'), 'every upstream request carried the brokered key');
});

test('a session id the bridge does not hold is answered 404, so clients start again', async () => {
  const res = await fetch(`${server.baseUrl}/mcp/legacy`, { method: 'POST', headers: { authorization: `Bearer ${key}`,
    'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': 'not-a-session' },
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
  assert.equal(res.status, 404);
});

test('/mcp lists the tools of both upstreams as <slug>__<tool>, calls each, and keeps the denied tool out', async () => {
  const client = await connect('/mcp');
  const tools = await client.listTools();
  // a server left out of a listing is logged with the reason (no answer in time, an error): show it if this fails
  assert.deepEqual(tools.tools.map((t) => t.name).sort(), ['legacy__count', 'legacy__shout', 'modern__add'],
    server.log().split('\n').filter((line) => line.includes('/mcp:')).join('\n'));
  const added = await client.callTool({ name: 'modern__add', arguments: { a: 2, b: 3 } });
  assert.equal(added.content[0].text, '5');
  const shouted = await client.callTool({ name: 'legacy__shout', arguments: { text: 'aggregated' } });
  assert.equal(shouted.content[0].text, 'AGGREGATED');
  await assert.rejects(client.callTool({ name: 'modern__wipe', arguments: {} }), /Unknown tool/);
  await client.close();
});

test('/mcp is a protected resource of its own: RFC 9728 metadata and a challenge that names it', async () => {
  const prm = await fetch(`${server.baseUrl}/.well-known/oauth-protected-resource/mcp`);
  assert.equal(prm.status, 200);
  const doc = await prm.json();
  assert.equal(doc.resource, `${server.baseUrl}/mcp`);
  assert.deepEqual(doc.scopes_supported, ['mcp_gateway:use']);
  const refused = await fetch(`${server.baseUrl}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
  assert.equal(refused.status, 401);
  const challenge = refused.headers.get('www-authenticate');
  assert.match(challenge, new RegExp(`resource_metadata="${server.baseUrl}/.well-known/oauth-protected-resource/mcp"`));
  assert.match(challenge, /scope="mcp_gateway:use"/);
});
