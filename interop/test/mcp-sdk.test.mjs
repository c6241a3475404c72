// The MCP TypeScript SDK's own client auth flow against Portcullis, starting from nothing but the URL
// of a protected endpoint: 401 -> RFC 9728 -> RFC 8414 -> RFC 7591 -> browser login + consent -> code +
// PKCE -> token -> API call -> refresh -> revocation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { auth, extractResourceMetadataUrl } from '@modelcontextprotocol/sdk/client/auth.js';
import { OWNER, authorizeInBrowser, launchBrowser, startCallbackServer, startPortcullis } from '../lib/support.mjs';

let server;
let callback;
let browser;

before(async () => {
  server = await startPortcullis();
  callback = await startCallbackServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await callback?.close();
  await server?.stop();
});

/** An in-memory OAuthClientProvider, as an MCP host would implement it. */
function provider(redirectUrl) {
  const store = { client: undefined, tokens: undefined, verifier: undefined, authorizationUrl: undefined };
  return {
    store,
    get redirectUrl() { return redirectUrl; },
    get clientMetadata() {
      return { client_name: 'MCP SDK interop', redirect_uris: [redirectUrl], grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'], token_endpoint_auth_method: 'none' };
    },
    clientInformation: () => store.client,
    saveClientInformation: (info) => { store.client = info; },
    tokens: () => store.tokens,
    saveTokens: (tokens) => { store.tokens = tokens; },
    redirectToAuthorization: (url) => { store.authorizationUrl = url; },
    saveCodeVerifier: (v) => { store.verifier = v; },
    codeVerifier: () => store.verifier,
  };
}

test('MCP SDK completes discovery, registration, consent, token, API call, refresh and revocation from one 401', async () => {
  const endpoint = `${server.baseUrl}/api/v2/users/me`;
  const unauthorized = await fetch(endpoint);
  assert.equal(unauthorized.status, 401);
  const resourceMetadataUrl = extractResourceMetadataUrl(unauthorized);
  assert.equal(String(resourceMetadataUrl), `${server.baseUrl}/.well-known/oauth-protected-resource`);

  const p = provider(callback.redirectUri);
  assert.equal(await auth(p, { serverUrl: endpoint, resourceMetadataUrl }), 'REDIRECT');
  assert.ok(p.store.client?.client_id, 'dynamically registered');
  assert.equal(p.store.client.client_secret, undefined, 'public client gets no secret');
  const authorizationUrl = p.store.authorizationUrl;
  assert.equal(authorizationUrl.origin + authorizationUrl.pathname, `${server.baseUrl}/oauth2/authorize`);
  assert.equal(authorizationUrl.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(authorizationUrl.searchParams.get('resource'), server.baseUrl);

  const { query, consentText } = await authorizeInBrowser(browser, authorizationUrl, callback, { screenshots: 'mcp-sdk' });
  assert.match(consentText, /MCP SDK interop/);
  assert.match(consentText, /owner/);
  assert.equal(query.get('iss'), server.baseUrl);
  assert.ok(query.get('code'));

  assert.equal(await auth(p, { serverUrl: endpoint, resourceMetadataUrl, authorizationCode: query.get('code') }), 'AUTHORIZED');
  const first = p.store.tokens;
  assert.equal(first.token_type, 'Bearer');
  assert.ok(first.refresh_token);
  const me = await fetch(endpoint, { headers: { authorization: `Bearer ${first.access_token}` } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).username, 'owner');

  // a second auth() with stored tokens refreshes them (rotation)
  assert.equal(await auth(p, { serverUrl: endpoint, resourceMetadataUrl }), 'AUTHORIZED');
  const second = p.store.tokens;
  assert.notEqual(second.refresh_token, first.refresh_token);
  assert.equal((await fetch(endpoint, { headers: { authorization: `Bearer ${second.access_token}` } })).status, 200);

  // the rotated-out refresh token is now a replay: the grant dies with it
  const replay = await fetch(`${server.baseUrl}/oauth2/token`, { method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: p.store.client.client_id }) });
  assert.equal(replay.status, 400);
  assert.equal((await replay.json()).error, 'invalid_grant');
  const afterReplay = await fetch(endpoint, { headers: { authorization: `Bearer ${second.access_token}` } });
  assert.equal(afterReplay.status, 401);
  assert.match(afterReplay.headers.get('www-authenticate'), /error="invalid_token"/);
});

test('MCP SDK token is refused outside its audience', async () => {
  const p = provider(callback.redirectUri);
  const endpoint = `${server.baseUrl}/api/v2/users/me`;
  // an MCP server published by the gateway at /mcp/notes is a protected resource of its own
  const session = await (await fetch(`${server.baseUrl}/api/v2/users/login`, { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: OWNER.email, password: OWNER.password }) })).json();
  const created = await fetch(`${server.baseUrl}/api/v2/mcp/servers`, { method: 'POST', headers: { 'content-type': 'application/json',
    authorization: `Bearer ${session.session_token}` }, body: JSON.stringify({ display_name: 'Notes', slug: 'notes',
    url: 'https://notes.example/mcp', enabled: true }) });
  assert.equal(created.status, 201);
  await auth(p, { serverUrl: endpoint });
  const url = new URL(p.store.authorizationUrl);
  url.searchParams.set('resource', `${server.baseUrl}/mcp/notes`);
  const { query } = await authorizeInBrowser(browser, url, callback);
  const token = await fetch(`${server.baseUrl}/oauth2/token`, { method: 'POST', body: new URLSearchParams({
    grant_type: 'authorization_code', code: query.get('code'), code_verifier: p.store.verifier, client_id: p.store.client.client_id,
    redirect_uri: callback.redirectUri, resource: `${server.baseUrl}/mcp/notes` }) });
  assert.equal(token.status, 200);
  const { access_token: accessToken } = await token.json();
  const res = await fetch(endpoint, { headers: { authorization: `Bearer ${accessToken}` } });
  assert.equal(res.status, 401);
  assert.match(res.headers.get('www-authenticate'), /audience/);
});
