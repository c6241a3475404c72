// A real MCP client (the TypeScript SDK's Client over Streamable HTTP, with OAuth) talks to a real MCP server
// (the SDK's McpServer) through the Portcullis gateway: the client authorizes for /mcp/<slug> alone, and
// Portcullis adds the upstream API key it holds, enforcing the server's tool deny list on the way.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { OWNER, authorizeInBrowser, launchBrowser, startCallbackServer, startPortcullis } from '../lib/support.mjs';

const UPSTREAM_KEY = 'upstream-key-123';
let upstream;
let upstreamUrl;
const upstreamSaw = [];
let server;
let callback;
let browser;

function mcpServer() {
  const mcp = new McpServer({ name: 'upstream-echo', version: '1.0.0' });
  mcp.registerTool('echo', { description: 'Echo text', inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: 'text', text: `echo: ${text}` }] }));
  mcp.registerTool('danger', { description: 'Must never run through the gateway', inputSchema: {} },
    async () => ({ content: [{ type: 'text', text: 'boom' }] }));
  return mcp;
}

before(async () => {
  upstream = createServer(async (req, res) => {
    upstreamSaw.push({ method: req.method, apiKey: req.headers['x-api-key'], authorization: req.headers.authorization });
    if (req.headers['x-api-key'] !== UPSTREAM_KEY) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"missing api key"}');
      return;
    }
    // stateless: one server and transport per request
    const mcp = mcpServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => { transport.close(); mcp.close(); });
    await mcp.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${upstream.address().port}/mcp`;
  callback = await startCallbackServer();
  server = await startPortcullis({ jvmArgs: ['-Dportcullis.outbound.allow-private-addresses=true'] });
  browser = await launchBrowser();
  const session = await (await fetch(`${server.baseUrl}/api/v2/users/login`, { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: OWNER.email, password: OWNER.password }) })).json();
  const created = await fetch(`${server.baseUrl}/api/v2/mcp/servers`, { method: 'POST', headers: { 'content-type': 'application/json',
    authorization: `Bearer ${session.session_token}` }, body: JSON.stringify({ display_name: 'Echo', slug: 'echo', url: upstreamUrl,
    auth_type: 'api_key', api_key_header: 'X-Api-Key', api_key_value: UPSTREAM_KEY, tool_deny_list: ['danger'], enabled: true }) });
  assert.equal(created.status, 201, await created.text());
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await callback?.close();
  await new Promise((r) => (upstream ? upstream.close(r) : r()));
});

test('an MCP client reaches an upstream MCP server through the gateway with its own OAuth token', async () => {
  const store = {};
  const provider = {
    get redirectUrl() { return callback.redirectUri; },
    get clientMetadata() {
      return { client_name: 'Gateway interop', redirect_uris: [callback.redirectUri], token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] };
    },
    clientInformation: () => store.client,
    saveClientInformation: (info) => { store.client = info; },
    tokens: () => store.tokens,
    saveTokens: (t) => { store.tokens = t; },
    redirectToAuthorization: (url) => { store.url = url; },
    saveCodeVerifier: (v) => { store.verifier = v; },
    codeVerifier: () => store.verifier,
  };
  const endpoint = new URL(`${server.baseUrl}/mcp/echo`);
  const first = new StreamableHTTPClientTransport(endpoint, { authProvider: provider });
  await assert.rejects(new Client({ name: 'interop', version: '1.0.0' }).connect(first), /Unauthorized/);
  assert.equal(store.url.searchParams.get('resource'), `${server.baseUrl}/mcp/echo`, 'the token is for this MCP server only');
  assert.equal(store.url.searchParams.get('scope'), 'mcp_gateway:use', 'least privilege: only the gateway scope is asked for');
  const { query, consentText } = await authorizeInBrowser(browser, store.url, callback, { screenshots: 'gateway' });
  assert.match(consentText, /Use the MCP gateway/);
  await first.finishAuth(query.get('code'));

  const client = new Client({ name: 'interop', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(endpoint, { authProvider: provider }));
  const tools = await client.listTools();
  assert.deepEqual(tools.tools.map((t) => t.name), ['echo'], 'the denied tool is not even listed');
  const echoed = await client.callTool({ name: 'echo', arguments: { text: 'through the gate' } });
  assert.equal(echoed.content[0].text, 'echo: through the gate');
  await assert.rejects(client.callTool({ name: 'danger', arguments: {} }), /denied|403/);
  await client.close();

  assert.ok(upstreamSaw.length > 0);
  for (const seen of upstreamSaw) {
    assert.equal(seen.apiKey, UPSTREAM_KEY, 'Portcullis added the brokered key');
    assert.equal(seen.authorization, undefined, 'the client token never reached the upstream');
  }
  const me = await fetch(`${server.baseUrl}/api/v2/users/me`, { headers: { authorization: `Bearer ${store.tokens.access_token}` } });
  assert.equal(me.status, 401, 'a token for the MCP server is not a token for the REST API');
});
