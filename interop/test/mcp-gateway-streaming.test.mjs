// The gateway relays Streamable HTTP as it flows, between the MCP TypeScript SDK's Client and its McpServer
// (stateful, with an event store): progress notifications arrive while a tool runs, a tool that elicits input or
// asks for sampling gets the client's answer through the gateway and completes, and a stream the server closes
// mid-call is resumed by the client with Last-Event-ID. The client authenticates with an API key.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryEventStore } from '@modelcontextprotocol/sdk/examples/shared/inMemoryEventStore.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CreateMessageRequestSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { OWNER, startPortcullis } from '../lib/support.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let upstream;
let server;
let key;
const upstreamSaw = [];

function mcpServer() {
  const mcp = new McpServer({ name: 'upstream-streaming', version: '1.0.0' });
  mcp.registerTool('count', { description: 'Three progress notifications one second apart', inputSchema: {} },
    async (_args, extra) => {
      for (let i = 1; i <= 3; i++) {
        await extra.sendNotification({ method: 'notifications/progress',
          params: { progressToken: extra._meta?.progressToken, progress: i, total: 3 } });
        await sleep(1000);
      }
      return { content: [{ type: 'text', text: 'counted' }] };
    });
  mcp.registerTool('greet', { description: 'Asks the user for a name', inputSchema: {} }, async (_args, extra) => {
    const answer = await mcp.server.elicitInput({ mode: 'form', message: 'What is your name?', requestedSchema: { type: 'object',
      properties: { name: { type: 'string' } }, required: ['name'] } }, { relatedRequestId: extra.requestId });
    return { content: [{ type: 'text', text: `hello ${answer.content?.name} (${answer.action})` }] };
  });
  mcp.registerTool('think', { description: 'Asks the client model', inputSchema: { question: z.string() } },
    async ({ question }, extra) => {
      const reply = await mcp.server.createMessage({ messages: [{ role: 'user', content: { type: 'text', text: question } }],
        maxTokens: 20 }, { relatedRequestId: extra.requestId });
      return { content: [{ type: 'text', text: `the model said: ${reply.content.text}` }] };
    });
  mcp.registerTool('interrupted', { description: 'Closes its stream mid-call, then finishes', inputSchema: {} },
    async (_args, extra) => {
      await extra.sendNotification({ method: 'notifications/progress',
        params: { progressToken: extra._meta?.progressToken, progress: 1, total: 2 } });
      await sleep(200);
      extra.closeSSEStream?.();
      await sleep(500);
      await extra.sendNotification({ method: 'notifications/progress',
        params: { progressToken: extra._meta?.progressToken, progress: 2, total: 2 } });
      return { content: [{ type: 'text', text: 'finished after the break' }] };
    });
  return mcp;
}

before(async () => {
  const sessions = new Map();
  upstream = createServer(async (req, res) => {
    upstreamSaw.push({ method: req.method, lastEventId: req.headers['last-event-id'], session: req.headers['mcp-session-id'] });
    const id = req.headers['mcp-session-id'];
    let transport = id ? sessions.get(id) : undefined;
    if (!transport) {
      if (id || req.method !== 'POST') {
        res.writeHead(id ? 404 : 405, { 'content-type': 'application/json' }).end('{"error":"no such session"}');
        return;
      }
      transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), eventStore: new InMemoryEventStore(),
        retryInterval: 100, onsessioninitialized: (sid) => sessions.set(sid, transport) });
      await mcpServer().connect(transport);
    }
    await transport.handleRequest(req, res);
  });
  await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
  server = await startPortcullis({ jvmArgs: ['-Dportcullis.outbound.allow-private-addresses=true'] });
  const session = await (await fetch(`${server.baseUrl}/api/v2/users/login`, { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: OWNER.email, password: OWNER.password }) })).json();
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${session.session_token}` };
  const created = await fetch(`${server.baseUrl}/api/v2/mcp/servers`, { method: 'POST', headers: auth, body: JSON.stringify({
    display_name: 'Streaming', slug: 'streaming', url: `http://127.0.0.1:${upstream.address().port}/mcp`, auth_type: 'none',
    enabled: true }) });
  assert.equal(created.status, 201, await created.text());
  const token = await fetch(`${server.baseUrl}/api/v2/users/me/keys/tokens`, { method: 'POST', headers: auth,
    body: JSON.stringify({ token_name: 'streaming interop', scopes: ['mcp_gateway:use'] }) });
  assert.equal(token.status, 201, await token.clone().text());
  key = (await token.json()).key;
});

after(async () => {
  await server?.stop();
  upstream?.closeAllConnections?.();
  await new Promise((r) => (upstream ? upstream.close(r) : r()));
});

async function connect(capabilities = {}) {
  const client = new Client({ name: 'streaming-interop', version: '1.0.0' }, { capabilities });
  const transport = new StreamableHTTPClientTransport(new URL(`${server.baseUrl}/mcp/streaming`),
    { requestInit: { headers: { authorization: `Bearer ${key}` } } });
  await client.connect(transport);
  return client;
}

test('progress notifications reach the client while the tool runs, not with its result', async () => {
  const client = await connect();
  const started = Date.now();
  const progress = [];
  const result = await client.callTool({ name: 'count', arguments: {} }, undefined,
    { onprogress: (p) => progress.push({ at: Date.now() - started, progress: p.progress }) });
  const finished = Date.now() - started;
  assert.equal(result.content[0].text, 'counted');
  assert.deepEqual(progress.map((p) => p.progress), [1, 2, 3]);
  assert.ok(finished >= 2900, `the tool takes three seconds (${finished} ms)`);
  assert.ok(progress[0].at < finished - 2000, `first progress at ${progress[0].at} ms, result at ${finished} ms`);
  assert.ok(progress[1].at - progress[0].at >= 700, 'one second apart, as sent');
  await client.close();
});

test('a tool that elicits input gets the answer of the client handler through the gateway', async () => {
  const client = await connect({ elicitation: { form: {} } });
  const asked = [];
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    asked.push(request.params.message);
    return { action: 'accept', content: { name: 'Ada' } };
  });
  const result = await client.callTool({ name: 'greet', arguments: {} });
  assert.deepEqual(asked, ['What is your name?']);
  assert.equal(result.content[0].text, 'hello Ada (accept)');
  await client.close();
});

test('a tool that requests sampling gets the client model answer through the gateway', async () => {
  const client = await connect({ sampling: {} });
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => ({ role: 'assistant', model: 'stub-model',
    content: { type: 'text', text: `four (asked: ${request.params.messages[0].content.text})` } }));
  const result = await client.callTool({ name: 'think', arguments: { question: '2+2?' } });
  assert.equal(result.content[0].text, 'the model said: four (asked: 2+2?)');
  await client.close();
});

test('a stream the server closes mid-call is resumed with Last-Event-ID through the gateway', async () => {
  const client = await connect();
  const progress = [];
  upstreamSaw.length = 0;
  const result = await client.callTool({ name: 'interrupted', arguments: {} }, undefined,
    { onprogress: (p) => progress.push(p.progress) });
  assert.equal(result.content[0].text, 'finished after the break');
  assert.deepEqual(progress, [1, 2]);
  const resumed = upstreamSaw.filter((s) => s.method === 'GET' && s.lastEventId);
  assert.ok(resumed.length >= 1, `the client resumed with GET + Last-Event-ID: ${JSON.stringify(upstreamSaw)}`);
  await client.close();
});
