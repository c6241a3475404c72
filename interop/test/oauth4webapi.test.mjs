// oauth4webapi's strict response processing against Portcullis: discovery (RFC 9728 + RFC 8414), dynamic
// registration of a confidential client, authorization in the browser with RFC 9207 iss validation, code
// exchange with PKCE and a resource indicator, refresh, revocation, and the refusals a client must get.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as oauth from 'oauth4webapi';
import { OWNER, authorizeInBrowser, launchBrowser, startCallbackServer, startPortcullis } from '../lib/support.mjs';

const insecure = { [oauth.allowInsecureRequests]: true }; // the test server is plain http on loopback
let server;
let callback;
let browser;
let as;
let client;
let clientAuth;

before(async () => {
  server = await startPortcullis();
  callback = await startCallbackServer();
  browser = await launchBrowser();
  const resource = new URL(server.baseUrl);
  const prm = await oauth.processResourceDiscoveryResponse(resource, await oauth.resourceDiscoveryRequest(resource, insecure));
  const issuer = new URL(prm.authorization_servers[0]);
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oauth2' }));
  const registered = await oauth.processDynamicClientRegistrationResponse(await oauth.dynamicClientRegistrationRequest(as, {
    client_name: 'oauth4webapi interop', redirect_uris: [callback.redirectUri], token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], scope: 'user:read api_key:read oauth2_app:read',
  }, insecure));
  client = { client_id: registered.client_id };
  // a gateway resource to bind tokens to: the MCP server published at /mcp/notes
  const session = await (await fetch(`${server.baseUrl}/api/v2/users/login`, { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: OWNER.email, password: OWNER.password }) })).json();
  const created = await fetch(`${server.baseUrl}/api/v2/mcp/servers`, { method: 'POST', headers: { 'content-type': 'application/json',
    authorization: `Bearer ${session.session_token}` }, body: JSON.stringify({ display_name: 'Notes', slug: 'notes',
    url: 'https://notes.example/mcp', enabled: true }) });
  assert.equal(created.status, 201);
  clientAuth = oauth.ClientSecretBasic(registered.client_secret);
});

after(async () => {
  await browser?.close();
  await callback?.close();
  await server?.stop();
});

async function authorize({ scope = 'user:read api_key:read', resource = server.baseUrl, screenshots } = {}) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint);
  url.search = new URLSearchParams({ client_id: client.client_id, redirect_uri: callback.redirectUri, response_type: 'code',
    scope, state, resource, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
  const { query } = await authorizeInBrowser(browser, url, callback, { screenshots });
  const params = oauth.validateAuthResponse(as, client, query, state);
  return { params, verifier };
}

function exchange(params, verifier, resource = server.baseUrl) {
  return oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, callback.redirectUri, verifier,
    { ...insecure, additionalParameters: { resource } });
}

async function oauthError(promise) {
  try {
    await promise;
  } catch (e) {
    if (e instanceof oauth.ResponseBodyError) return e.error;
    throw e;
  }
  assert.fail('expected an OAuth error response');
}

test('metadata is accepted by strict discovery and advertises what Portcullis does', () => {
  assert.equal(as.issuer, server.baseUrl);
  assert.deepEqual(as.code_challenge_methods_supported, ['S256']);
  assert.equal(as.authorization_response_iss_parameter_supported, true);
  assert.ok(as.registration_endpoint);
});

test('code flow with PKCE and resource yields tokens that work, refresh, and revoke', async () => {
  const { params, verifier } = await authorize({ screenshots: 'oauth4webapi' });
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, await exchange(params, verifier));
  assert.equal(tokens.token_type, 'bearer');
  assert.equal(tokens.scope, 'api_key:read user:read');
  const me = await oauth.protectedResourceRequest(tokens.access_token, 'GET', new URL(`${server.baseUrl}/api/v2/users/me`),
    undefined, undefined, insecure);
  assert.equal(me.status, 200);

  const forbidden = await oauth.protectedResourceRequest(tokens.access_token, 'GET',
    new URL(`${server.baseUrl}/api/v2/oauth2-provider/apps`), undefined, undefined, insecure).catch((e) => e);
  const challenge = forbidden instanceof oauth.WWWAuthenticateChallengeError ? forbidden.cause[0] : undefined;
  assert.equal(challenge?.parameters.error, 'insufficient_scope');
  assert.equal(challenge?.parameters.scope, 'oauth2_app:read');

  const refreshed = await oauth.processRefreshTokenResponse(as, client,
    await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token, insecure));
  assert.notEqual(refreshed.refresh_token, tokens.refresh_token);

  await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, clientAuth, refreshed.access_token, insecure));
  const revoked = await fetch(`${server.baseUrl}/api/v2/users/me`, { headers: { authorization: `Bearer ${refreshed.access_token}` } });
  assert.equal(revoked.status, 401);
  assert.match(revoked.headers.get('www-authenticate'), /error="invalid_token"/);
});

test('wrong verifier and code reuse are invalid_grant', async () => {
  const { params, verifier } = await authorize();
  assert.equal(await oauthError(exchange(params, oauth.generateRandomCodeVerifier()).then((r) =>
    oauth.processAuthorizationCodeResponse(as, client, r))), 'invalid_grant');
  const ok = await oauth.processAuthorizationCodeResponse(as, client, await exchange(params, verifier)).catch((e) => e);
  // the failed attempt did not burn the code; the first good redemption works, the second is a replay
  assert.ok(ok.access_token, 'first good redemption works');
  assert.equal(await oauthError(exchange(params, verifier).then((r) => oauth.processAuthorizationCodeResponse(as, client, r))),
    'invalid_grant');
  const afterReplay = await fetch(`${server.baseUrl}/api/v2/users/me`, { headers: { authorization: `Bearer ${ok.access_token}` } });
  assert.equal(afterReplay.status, 401, 'replay revoked the tokens of the first redemption');
});

test('resource mismatch is invalid_target and refresh reuse kills the grant', async () => {
  const { params, verifier } = await authorize({ resource: `${server.baseUrl}/mcp/notes` });
  assert.equal(await oauthError(exchange(params, verifier, `${server.baseUrl}/other`).then((r) =>
    oauth.processAuthorizationCodeResponse(as, client, r))), 'invalid_target');
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, await exchange(params, verifier, `${server.baseUrl}/mcp/notes`));
  const rotated = await oauth.processRefreshTokenResponse(as, client,
    await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token, insecure));
  assert.equal(await oauthError(oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token, insecure)
    .then((r) => oauth.processRefreshTokenResponse(as, client, r))), 'invalid_grant');
  assert.equal(await oauthError(oauth.refreshTokenGrantRequest(as, client, clientAuth, rotated.refresh_token, insecure)
    .then((r) => oauth.processRefreshTokenResponse(as, client, r))), 'invalid_grant');
});

test('unknown client is invalid_client and a foreign redirect URI gets an error page, not a redirect', async () => {
  const stranger = { client_id: '00000000-0000-4000-8000-000000000000' };
  const res = await oauth.refreshTokenGrantRequest(as, stranger, oauth.ClientSecretBasic('pcs_x'), 'whatever', insecure);
  assert.equal(res.status, 401);
  assert.equal((await res.clone().json()).error, 'invalid_client');
  const challenge = await oauth.processRefreshTokenResponse(as, stranger, res).catch((e) => e);
  assert.ok(challenge instanceof oauth.WWWAuthenticateChallengeError, 'Basic challenge surfaced by the client');
  assert.equal(challenge.cause[0].scheme, 'basic');

  const url = new URL(as.authorization_endpoint);
  url.search = new URLSearchParams({ client_id: client.client_id, redirect_uri: 'https://attacker.example/cb', response_type: 'code',
    state: 's', code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()), code_challenge_method: 'S256' });
  const page = await fetch(url, { redirect: 'manual' });
  assert.equal(page.status, 400);
  assert.equal(page.headers.get('location'), null);
  assert.match(await page.text(), /not been redirected/);
});
