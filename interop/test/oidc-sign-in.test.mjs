// Sign-in with a real OpenID provider — `oidc-provider` (a certified implementation), started on loopback — and
// `user_oidc`: a person signs in through it in Chromium and lands signed in on Portcullis; an upstream MCP server
// registered as `user_oidc` receives that person's provider access token through the gateway and checks it at the
// provider's userinfo endpoint; once the token is due (short lifetime) the gateway sends a refreshed one; when the
// provider's grant is revoked, the refresh fails and the Portcullis session ends.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Provider from 'oidc-provider';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ARTIFACTS, OWNER, launchBrowser, startPortcullis } from '../lib/support.mjs';

// The provider's access tokens live 605 s: Portcullis refreshes within 10 minutes of expiry, so 5 s after issue.
const ACCESS_TOKEN_TTL = 605;
const CLIENT = { client_id: 'portcullis', client_secret: 'portcullis-client-secret-0123456789' };
let idpServer;
let idp;
let issuer;
let upstream;
let upstreamUrl;
const upstreamSaw = [];
let server;
let browser;

async function userinfo(token) {
  const res = await fetch(`${issuer}/me`, { headers: { authorization: `Bearer ${token}` } });
  return res.ok ? res.json() : null;
}

function echoServer(who) {
  const mcp = new McpServer({ name: 'whoami', version: '1.0.0' });
  mcp.registerTool('whoami', { description: 'Who the provider says the caller is', inputSchema: {} },
    async () => ({ content: [{ type: 'text', text: who.email }] }));
  return mcp;
}

before(async () => {
  // 1. the provider's port first: Portcullis is configured with its issuer; the provider learns Portcullis's callback
  let handler = (req, res) => res.writeHead(503).end();
  idpServer = createServer((req, res) => handler(req, res));
  await new Promise((r) => idpServer.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${idpServer.address().port}`;

  // 2. an upstream MCP server that accepts only a token the provider vouches for (userinfo), and says whose it is
  upstream = createServer(async (req, res) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const who = token ? await userinfo(token) : null;
    upstreamSaw.push({ token, sub: who?.sub, email: who?.email });
    if (!who) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_token"}');
      return;
    }
    const mcp = echoServer(who);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => { transport.close(); mcp.close(); });
    await mcp.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${upstream.address().port}/mcp`;

  // 3. Portcullis, with the provider configured (some settings in the environment form)
  server = await startPortcullis({
    jvmArgs: ['-Dportcullis.outbound.allow-private-addresses=true', `-Dportcullis.oidc.providers.corp.issuer=${issuer}`,
      `-Dportcullis.oidc.providers.corp.client-id=${CLIENT.client_id}`, '-Dportcullis.oidc.providers.corp.display-name=Corp SSO',
      '-Dportcullis.oidc.providers.corp.scopes=openid email profile offline_access'],
    env: { PORTCULLIS_OIDC_PROVIDERS_CORP_CLIENT_SECRET: CLIENT.client_secret,
      PORTCULLIS_OIDC_PROVIDERS_CORP_ALLOWED_EMAIL_DOMAINS: 'corp.example',
      PORTCULLIS_OIDC_PROVIDERS_CORP_AUTO_CREATE_USERS: 'true' },
  });

  // 4. the provider: one confidential client (Portcullis), refresh tokens with rotation, short access tokens; the
  //    ID token carries no e-mail (conformIdTokenClaims), so Portcullis reads it from userinfo (OIDC Core §5.4)
  idp = new Provider(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [`${server.baseUrl}/login/oidc/corp/callback`],
      grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }],
    findAccount: async (_ctx, id) => ({ accountId: id,
      claims: async () => ({ sub: id, email: `${id}@corp.example`, email_verified: true, preferred_username: id }) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username'] },
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    features: { devInteractions: { enabled: true }, revocation: { enabled: true } },
    ttl: { AccessToken: ACCESS_TOKEN_TTL, IdToken: 600, RefreshToken: 86400, Grant: 86400, Session: 86400 },
    rotateRefreshToken: true,
  });
  handler = idp.callback();

  const session = await (await fetch(`${server.baseUrl}/api/v2/users/login`, { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: OWNER.email, password: OWNER.password }) })).json();
  const created = await fetch(`${server.baseUrl}/api/v2/mcp/servers`, { method: 'POST', headers: { 'content-type': 'application/json',
    authorization: `Bearer ${session.session_token}` }, body: JSON.stringify({ display_name: 'Who am I', slug: 'whoami',
    url: upstreamUrl, auth_type: 'user_oidc', enabled: true }) });
  assert.equal(created.status, 201, await created.text());
  server.ownerSession = session.session_token;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => (upstream ? upstream.close(r) : r()));
  await new Promise((r) => (idpServer ? idpServer.close(r) : r()));
});

async function whoami(sessionToken) {
  const client = new Client({ name: 'interop', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.baseUrl}/mcp/whoami`),
    { requestInit: { headers: { 'Portcullis-Session-Token': sessionToken } } }));
  try {
    const answer = await client.callTool({ name: 'whoami', arguments: {} });
    return answer.content[0].text;
  } finally {
    await client.close();
  }
}

test('a person signs in with the OpenID provider; user_oidc forwards, refreshes and loses their provider token', async () => {
  const context = await browser.newContext();
  // the provider's development pages import a web font; nothing here may leave the machine
  await context.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname), (route) => route.abort());
  const page = await context.newPage();
  try {
    await page.goto(`${server.baseUrl}/login?redirect=/`);
    await page.screenshot({ path: join(ARTIFACTS, 'oidc-login.png') });
    await Promise.all([page.waitForURL((u) => u.origin === issuer), page.click('text=Sign in with Corp SSO')]);
    await page.fill('input[name=login]', 'alice');
    await page.fill('input[name=password]', 'any');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=Continue');
    await Promise.all([page.waitForURL(`${server.baseUrl}/`), page.click('button[type=submit]')]);
    assert.match(await page.textContent('main'), /Hello, alice/, 'signed in, a new member created from the provider');
    const cookie = (await context.cookies(server.baseUrl)).find((c) => c.name === 'portcullis_session_token');
    assert.ok(cookie, 'a session cookie');
    const me = await (await fetch(`${server.baseUrl}/api/v2/users/me`, { headers: { 'Portcullis-Session-Token': cookie.value } })).json();
    assert.equal(me.email, 'alice@corp.example');

    // the gateway forwards alice's provider token; the upstream checks it with the provider
    assert.equal(await whoami(cookie.value), 'alice@corp.example');
    const first = upstreamSaw.at(-1);
    assert.equal(first.sub, 'alice');
    assert.ok(first.token);

    // someone who never signed in with the provider is told which provider to use
    const owner = await fetch(`${server.baseUrl}/mcp/whoami`, { method: 'POST', headers: { 'content-type': 'application/json',
      accept: 'application/json, text/event-stream', 'Portcullis-Session-Token': server.ownerSession },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18',
        capabilities: {}, clientInfo: { name: 'x', version: '1' } } }) });
    assert.equal(owner.status, 403);
    assert.match(await owner.text(), /sign in with Corp SSO/);

    // once the token is within 10 minutes of its expiry, the next use refreshes it (rotation) and forwards the new one
    await new Promise((r) => setTimeout(r, 6000));
    assert.equal(await whoami(cookie.value), 'alice@corp.example');
    const refreshed = upstreamSaw.at(-1);
    assert.notEqual(refreshed.token, first.token, 'a refreshed provider token');
    assert.equal(refreshed.sub, 'alice', 'which the provider accepts');
    const sessionAfter = await (await fetch(`${server.baseUrl}/api/v2/users/me`, { headers: { 'Portcullis-Session-Token': cookie.value } }));
    assert.equal(sessionAfter.status, 200, 'the session carries on');

    // the provider revokes the grant: the next refresh fails, and the Portcullis session ends
    const grantId = (await idp.AccessToken.find(refreshed.token)).grantId;
    await (await idp.Grant.find(grantId)).destroy();
    await new Promise((r) => setTimeout(r, 6000));
    const ended = await fetch(`${server.baseUrl}/api/v2/users/me`, { headers: { 'Portcullis-Session-Token': cookie.value } });
    assert.equal(ended.status, 401);
    assert.match(ended.headers.get('www-authenticate'), /invalid_token/);
    assert.match(ended.headers.get('www-authenticate'), /sign in again/);
    await page.goto(`${server.baseUrl}/`);
    assert.equal(new URL(page.url()).pathname, '/login', 'the browser is signed out too');
  } finally {
    await context.close();
  }
});

test('a sign-in whose state was not started in this browser is refused with a page', async () => {
  const res = await fetch(`${server.baseUrl}/login/oidc/corp/callback?code=abc&state=forged`, { headers: { accept: 'text/html' } });
  assert.equal(res.status, 400);
  assert.match(res.headers.get('content-type'), /text\/html/);
  assert.match(await res.text(), /could not be matched/);
  const unknown = await fetch(`${server.baseUrl}/login/oidc/nope?redirect=/`, { headers: { accept: 'text/html' }, redirect: 'manual' });
  assert.equal(unknown.status, 404);
  const start = await fetch(`${server.baseUrl}/login/oidc/corp?redirect=https://evil.example/`, { redirect: 'manual' });
  assert.equal(start.status, 303);
  const to = new URL(start.headers.get('location'));
  assert.equal(to.origin, issuer);
  assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
  assert.ok(to.searchParams.get('nonce') && to.searchParams.get('state'));
  assert.match(start.headers.get('set-cookie'), /portcullis_oidc=.*HttpOnly/i);
});
