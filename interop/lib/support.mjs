// Shared fixtures for the interop tests: a real Portcullis (the built jar on an embedded PostgreSQL),
// a loopback callback server, and headless Chromium (Debian's) driven by playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = resolve(here, '..', 'artifacts');
export const OWNER = { email: 'owner@example.com', username: 'owner', password: 'interop-password-1' };
const SETUP_CODE = 'interop-setup-code-1';

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
    s.on('error', fail);
  });
}

/**
 * Starts the service jar with its own embedded PostgreSQL data directory and creates the first user. {@code host} names
 * the access URL's host: two instances on different hosts (localhost, 127.0.0.1) are two origins and keep apart cookies.
 */
export async function startPortcullis({ jvmArgs = [], host = 'localhost', env = {} } = {}) {
  const jar = process.env.PORTCULLIS_JAR ?? resolve(here, '..', '..', 'bootstrap', 'target', 'portcullis.jar');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-interop-'));
  const baseUrl = `http://${host}:${port}`;
  const child = spawn('java', ['-Xmx512m', ...jvmArgs, `-Dmicronaut.server.port=${port}`, `-Dportcullis.access-url=${baseUrl}`,
    `-Dportcullis.data-dir=${dataDir}`, `-Dportcullis.setup-code=${SETUP_CODE}`, '-jar', jar],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const deadline = Date.now() + 180_000; // a loaded CI machine (several JVMs) can take over 90 s
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const created = await fetch(`${baseUrl}/api/v2/users/first`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...OWNER, setup_code: SETUP_CODE }) });
  if (created.status !== 201) throw new Error(`first user: ${created.status} ${await created.text()}`);
  return {
    baseUrl,
    log: () => log,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A loopback HTTP server that records the query of each request to /callback (RFC 8252 §7.3). */
export async function startCallbackServer() {
  const hits = [];
  let waiter;
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    hits.push(url);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>done</title><p>You can close this window.</p>');
    waiter?.(url);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    hits,
    next: () => new Promise((r) => { waiter = r; }),
    close: () => new Promise((r) => server.close(r)),
  };
}

export async function launchBrowser() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Opens an authorization URL like a user would: signs in on the login page, looks at the consent page,
 * clicks Allow (or Deny), and returns the query the client's callback received.
 */
export async function authorizeInBrowser(browser, authorizationUrl, callback, { screenshots, action = 'allow' } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const arrived = callback.next();
    await page.goto(String(authorizationUrl));
    if (new URL(page.url()).pathname === '/login') {
      if (screenshots) await page.screenshot({ path: join(ARTIFACTS, `${screenshots}-login.png`) });
      await page.fill('input[name=email]', OWNER.email);
      await page.fill('input[name=password]', OWNER.password);
      await Promise.all([page.waitForURL(/\/oauth2\/authorize/), page.click('button[type=submit]')]);
    }
    if (screenshots) await page.screenshot({ path: join(ARTIFACTS, `${screenshots}-consent.png`) });
    const consentText = await page.textContent('main');
    await page.click(`button[value=${action}]`);
    const url = await arrived;
    return { query: url.searchParams, consentText };
  } finally {
    await context.close();
  }
}

/** An in-memory OAuthClientProvider for the MCP SDK, as an MCP host would implement it (a public client). */
export function memoryAuthProvider(redirectUri, clientName) {
  const store = {};
  return {
    store,
    get redirectUrl() { return redirectUri; },
    get clientMetadata() {
      return { client_name: clientName, redirect_uris: [redirectUri], token_endpoint_auth_method: 'none',
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
}
