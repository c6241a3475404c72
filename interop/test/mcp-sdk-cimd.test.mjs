// The MCP TypeScript SDK registering by Client ID Metadata Document (the method MCP 2026-07-28 prefers):
// the document is served over TLS on loopback with a throw-away certificate that only the test server's
// JVM trusts, and Portcullis runs with outbound private addresses allowed (as in development).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { auth, extractResourceMetadataUrl } from '@modelcontextprotocol/sdk/client/auth.js';
import { authorizeInBrowser, launchBrowser, startCallbackServer, startPortcullis } from '../lib/support.mjs';

let dir;
let documentServer;
let documentUrl;
let server;
let callback;
let browser;
let fetches = 0;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-cimd-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  execFileSync('keytool', ['-importcert', '-noprompt', '-alias', 'documents', '-file', join(dir, 'cert.pem'), '-keystore',
    join(dir, 'trust.p12'), '-storetype', 'PKCS12', '-storepass', 'changeit'], { stdio: 'ignore' });
  callback = await startCallbackServer();
  documentServer = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      client_id: documentUrl, client_name: 'SDK by metadata document', redirect_uris: [callback.redirectUri],
      grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' }));
  });
  await new Promise((r) => documentServer.listen(0, '127.0.0.1', r));
  documentUrl = `https://127.0.0.1:${documentServer.address().port}/oauth/client.json`;
  server = await startPortcullis({ jvmArgs: [`-Djavax.net.ssl.trustStore=${join(dir, 'trust.p12')}`,
    '-Djavax.net.ssl.trustStorePassword=changeit', '-Dportcullis.outbound.allow-private-addresses=true'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => (documentServer ? documentServer.close(r) : r()));
  await callback?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('MCP SDK uses its metadata document URL as client_id and completes the flow without registering', async () => {
  const store = {};
  const provider = {
    clientMetadataUrl: documentUrl,
    get redirectUrl() { return callback.redirectUri; },
    get clientMetadata() {
      return { client_name: 'SDK by metadata document', redirect_uris: [callback.redirectUri], token_endpoint_auth_method: 'none' };
    },
    clientInformation: () => store.client,
    saveClientInformation: (info) => { store.client = info; },
    tokens: () => store.tokens,
    saveTokens: (t) => { store.tokens = t; },
    redirectToAuthorization: (url) => { store.url = url; },
    saveCodeVerifier: (v) => { store.verifier = v; },
    codeVerifier: () => store.verifier,
  };
  const endpoint = `${server.baseUrl}/api/v2/users/me`;
  const resourceMetadataUrl = extractResourceMetadataUrl(await fetch(endpoint));
  assert.equal(await auth(provider, { serverUrl: endpoint, resourceMetadataUrl }), 'REDIRECT');
  assert.equal(store.client.client_id, documentUrl, 'no dynamic registration: the URL is the client_id');
  assert.equal(store.url.searchParams.get('client_id'), documentUrl);

  const { query, consentText } = await authorizeInBrowser(browser, store.url, callback, { screenshots: 'cimd' });
  assert.match(consentText, /SDK by metadata document/);
  assert.ok(fetches >= 1, 'Portcullis fetched the document');
  assert.equal(await auth(provider, { serverUrl: endpoint, resourceMetadataUrl, authorizationCode: query.get('code') }), 'AUTHORIZED');
  const me = await fetch(endpoint, { headers: { authorization: `Bearer ${store.tokens.access_token}` } });
  assert.equal(me.status, 200);
  const registered = await fetch(`${server.baseUrl}/api/v2/oauth2-provider/apps`, {
    headers: { authorization: `Bearer ${store.tokens.access_token}` } });
  assert.ok((await registered.json()).some((app) => app.client_id === documentUrl && app.client_type === 'public'));
});
