// Portcullis as the authorization server of an MCP server it does not host (PRODUCT §7). A standalone MCP server
// (the TypeScript SDK's McpServer on loopback) publishes its own RFC 9728 document naming Portcullis and answers
// 401 challenges; it checks tokens either locally against Portcullis's JWKS with `jose`, or by RFC 7662 introspection.
// The SDK's client knows only the server's URL. openid-client runs client_credentials and introspection strictly.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { OWNER, authorizeInBrowser, launchBrowser, memoryAuthProvider, startCallbackServer, startPortcullis }
  from '../lib/support.mjs';

let server;
let callback;
let browser;
let mcp;
let base;
let owner;
const resources = {};
let expiringToken;

async function api(path, { method = 'GET', body } = {}) {
  const res = await fetch(`${server.baseUrl}${path}`, { method, headers: { 'content-type': 'application/json',
    authorization: `Bearer ${owner}` }, body: body && JSON.stringify(body) });
  return { status: res.status, json: res.status === 204 ? null : await res.json() };
}

function basic(id, secret) {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

/** The token checks of the two variants: { ok, sub } or { ok: false, why }. */
const verifiers = {
  async jwks(token, resource) {
    try {
      const { payload } = await jwtVerify(token, verifiers.keySet, { issuer: server.baseUrl, audience: resource.resource,
        typ: 'at+jwt', algorithms: ['RS256'] });
      return { ok: true, sub: payload.sub, scope: payload.scope };
    } catch (e) {
      return { ok: false, why: e.code ?? e.message };
    }
  },
  async introspect(token, resource) {
    const res = await fetch(`${server.baseUrl}/oauth2/introspect`, { method: 'POST', body: new URLSearchParams({ token }),
      headers: { authorization: basic(resource.introspection_client_id, resource.introspection_client_secret) } });
    const answer = await res.json();
    if (!answer.active || answer.aud !== resource.resource) return { ok: false, why: 'inactive' };
    return { ok: true, sub: answer.sub, scope: answer.scope };
  },
};

function mcpServer(who) {
  const m = new McpServer({ name: 'notes', version: '1.0.0' });
  m.registerTool('whoami', { description: 'Who the token belongs to', inputSchema: {} },
    async () => ({ content: [{ type: 'text', text: `sub=${who.sub} scope=${who.scope}` }] }));
  return m;
}

/** One loopback server, two MCP endpoints (/jwks, /introspect), each its own protected resource. */
async function startMcpServer() {
  const http = createServer(async (req, res) => {
    const url = new URL(req.url, base);
    const prm = url.pathname.match(/^\/\.well-known\/oauth-protected-resource\/(jwks|introspect)$/);
    if (prm) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ resource: `${base}/${prm[1]}`,
        authorization_servers: [server.baseUrl], scopes_supported: ['notes:read'], bearer_methods_supported: ['header'],
        resource_name: `Notes (${prm[1]})` }));
      return;
    }
    const variant = url.pathname.slice(1);
    if (!(variant in verifiers) || variant === 'keySet') {
      res.writeHead(404).end();
      return;
    }
    const challenge = `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/${variant}"`;
    const header = req.headers.authorization ?? '';
    if (!header.toLowerCase().startsWith('bearer ')) {
      res.writeHead(401, { 'www-authenticate': challenge }).end();
      return;
    }
    const who = await verifiers[variant](header.slice(7), resources[variant]);
    if (!who.ok) {
      res.writeHead(401, { 'www-authenticate': `${challenge}, error="invalid_token", error_description="${who.why}"` }).end();
      return;
    }
    const m = mcpServer(who);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => { transport.close(); m.close(); });
    await m.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${http.address().port}`;
  return http;
}

before(async () => {
  server = await startPortcullis();
  callback = await startCallbackServer();
  browser = await launchBrowser();
  mcp = await startMcpServer();
  verifiers.keySet = createRemoteJWKSet(new URL(`${server.baseUrl}/.well-known/jwks.json`));
  owner = (await (await fetch(`${server.baseUrl}/api/v2/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OWNER.email, password: OWNER.password }) })).json()).session_token;
  for (const variant of ['jwks', 'introspect']) {
    const created = await api('/api/v2/oauth2-provider/resources', { method: 'POST', body: { resource: `${base}/${variant}`,
      display_name: `Team notes (${variant})`, scopes: ['notes:read', 'notes:write'],
      scope_descriptions: { 'notes:read': 'Read the team notes' }, access_token_lifetime_seconds: 60 } });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    resources[variant] = created.json;
  }
  // a client_credentials token for the JWKS variant, to be checked again once it has expired (last test)
  const job = await (await fetch(`${server.baseUrl}/oauth2/register`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'expiry probe', grant_types: ['client_credentials'] }) })).json();
  const t = await fetch(`${server.baseUrl}/oauth2/token`, { method: 'POST', headers: { authorization: basic(job.client_id, job.client_secret) },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: resources.jwks.resource, scope: 'notes:read' }) });
  assert.equal(t.status, 200);
  expiringToken = { ...(await t.json()), at: Date.now() };
});

after(async () => {
  await browser?.close();
  await callback?.close();
  await new Promise((r) => (mcp ? mcp.close(r) : r()));
  await server?.stop();
});

/** The SDK client, knowing only the MCP server's URL: 401 -> its PRM -> Portcullis -> register -> browser -> tool. */
async function signIn(variant, screenshots) {
  const p = memoryAuthProvider(callback.redirectUri, 'Notes agent');
  const endpoint = new URL(`${base}/${variant}`);
  await assert.rejects(new Client({ name: 'notes-agent', version: '1.0.0' })
    .connect(new StreamableHTTPClientTransport(endpoint, { authProvider: p })), /Unauthorized/);
  assert.equal(p.store.url.origin, server.baseUrl, 'the MCP server named Portcullis as its authorization server');
  assert.equal(p.store.url.searchParams.get('resource'), `${base}/${variant}`);
  const { query, consentText } = await authorizeInBrowser(browser, p.store.url, callback, { screenshots });
  assert.match(consentText, new RegExp(`Team notes \\(${variant}\\)`));
  assert.match(consentText, /Read the team notes/);
  const retry = new StreamableHTTPClientTransport(endpoint, { authProvider: p });
  await retry.finishAuth(query.get('code'));
  const client = new Client({ name: 'notes-agent', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(endpoint, { authProvider: p }));
  return { p, client };
}

async function callWith(variant, token) {
  return fetch(`${base}/${variant}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json',
    accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
}

test('the SDK client signs in through Portcullis and calls a tool on a server that checks JWTs with the JWKS', async () => {
  const { p, client } = await signIn('jwks', 'resource-jwks');
  const result = await client.callTool({ name: 'whoami', arguments: {} });
  assert.match(result.content[0].text, /scope=notes:read/);
  await client.close();
  assert.equal((await callWith('jwks', p.store.tokens.access_token)).status, 200);
  // a token for the other resource is refused here, and this one there
  const other = await signIn('introspect');
  await other.client.close();
  const wrongAudience = await callWith('jwks', other.p.store.tokens.access_token);
  assert.equal(wrongAudience.status, 401);
  assert.match(wrongAudience.headers.get('www-authenticate'), /invalid_token/);
  assert.equal((await callWith('introspect', p.store.tokens.access_token)).status, 401);
});

test('the introspecting server refuses a token at once after it is revoked', async () => {
  const { p, client } = await signIn('introspect');
  const result = await client.callTool({ name: 'whoami', arguments: {} });
  assert.match(result.content[0].text, /sub=/);
  await client.close();
  const revoke = await fetch(`${server.baseUrl}/oauth2/revoke`, { method: 'POST',
    body: new URLSearchParams({ token: p.store.tokens.access_token, client_id: p.store.client.client_id }) });
  assert.equal(revoke.status, 200);
  const refused = await callWith('introspect', p.store.tokens.access_token);
  assert.equal(refused.status, 401);
  assert.match(refused.headers.get('www-authenticate'), /resource_metadata=/);
});

test('openid-client completes client_credentials and introspection against Portcullis', async () => {
  const registered = await (await fetch(`${server.baseUrl}/oauth2/register`, { method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'openid-client job', grant_types: ['client_credentials'], scope: 'notes:read' }) })).json();
  const options = { algorithm: 'oauth2', execute: [oidc.allowInsecureRequests] };
  const job = await oidc.discovery(new URL(server.baseUrl), registered.client_id, registered.client_secret,
    oidc.ClientSecretBasic(registered.client_secret), options);
  const tokens = await oidc.clientCredentialsGrant(job, { resource: resources.jwks.resource, scope: 'notes:read' });
  assert.equal(tokens.token_type.toLowerCase(), 'bearer');
  assert.equal(tokens.refresh_token, undefined);
  const intro = resources.jwks;
  const introspector = await oidc.discovery(new URL(server.baseUrl), intro.introspection_client_id,
    intro.introspection_client_secret, oidc.ClientSecretBasic(intro.introspection_client_secret), options);
  const answer = await oidc.tokenIntrospection(introspector, tokens.access_token);
  assert.equal(answer.active, true);
  assert.equal(answer.aud, resources.jwks.resource);
  assert.equal(answer.sub, registered.client_id);
  assert.equal(answer.client_id, registered.client_id);
  assert.equal(answer.scope, 'notes:read');
  // the JWKS server accepts the same token
  assert.equal((await callWith('jwks', tokens.access_token)).status, 200);
  const other = resources.introspect;
  const stranger = await oidc.discovery(new URL(server.baseUrl), other.introspection_client_id,
    other.introspection_client_secret, oidc.ClientSecretBasic(other.introspection_client_secret), options);
  assert.equal((await oidc.tokenIntrospection(stranger, tokens.access_token)).active, false, 'not its audience');
});

test('an expired JWT is refused by the JWKS server and introspects inactive', async () => {
  assert.equal((await callWith('jwks', expiringToken.access_token)).status, 200, 'valid while fresh');
  const wait = expiringToken.at + (expiringToken.expires_in + 2) * 1000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const refused = await callWith('jwks', expiringToken.access_token);
  assert.equal(refused.status, 401);
  assert.match(refused.headers.get('www-authenticate'), /error="invalid_token"/);
  const r = await fetch(`${server.baseUrl}/oauth2/introspect`, { method: 'POST',
    body: new URLSearchParams({ token: expiringToken.access_token }),
    headers: { authorization: basic(resources.jwks.introspection_client_id, resources.jwks.introspection_client_secret) } });
  assert.deepEqual(await r.json(), { active: false });
});

test('openid-client: client_credentials for the API itself, then the client introspects its own opaque token', async () => {
  const app = await api('/api/v2/oauth2-provider/apps', { method: 'POST',
    body: { name: 'openid-client automation', grant_types: ['client_credentials'], scope: 'oauth2_app:read' } });
  assert.equal(app.status, 201);
  const secret = await api(`/api/v2/oauth2-provider/apps/${app.json.id}/secrets`, { method: 'POST' });
  assert.equal(secret.status, 201);
  const clientSecret = secret.json.client_secret_full;
  const options = { algorithm: 'oauth2', execute: [oidc.allowInsecureRequests] };
  const job = await oidc.discovery(new URL(server.baseUrl), app.json.client_id, clientSecret,
    oidc.ClientSecretBasic(clientSecret), options);
  const tokens = await oidc.clientCredentialsGrant(job, { resource: server.baseUrl, scope: 'oauth2_app:read' });
  assert.equal(tokens.token_type.toLowerCase(), 'bearer');
  assert.equal(tokens.refresh_token, undefined);
  assert.equal(tokens.scope, 'oauth2_app:read');
  assert.equal(tokens.access_token.split('.').length, 1, 'opaque, not a JWT');
  const answer = await oidc.tokenIntrospection(job, tokens.access_token);
  assert.equal(answer.active, true);
  assert.equal(answer.sub, app.json.client_id);
  assert.equal(answer.client_id, app.json.client_id);
  assert.equal(answer.scope, 'oauth2_app:read');
  assert.equal(new URL(answer.aud).origin, new URL(server.baseUrl).origin);
  const headers = { authorization: `Bearer ${tokens.access_token}` };
  assert.equal((await fetch(`${server.baseUrl}/api/v2/oauth2-provider/apps`, { headers })).status, 200);
  const me = await fetch(`${server.baseUrl}/api/v2/users/me`, { headers });
  assert.equal(me.status, 403, 'a client acts for no user');
  assert.ok((await me.json()).message);
  // another client learns nothing about it
  const other = resources.introspect;
  const stranger = await oidc.discovery(new URL(server.baseUrl), other.introspection_client_id,
    other.introspection_client_secret, oidc.ClientSecretBasic(other.introspection_client_secret), options);
  assert.equal((await oidc.tokenIntrospection(stranger, tokens.access_token)).active, false);
});
