// Issue 7 finding 12, in headless Chromium: signing in on the way to an MCP server's connect URL must end on the
// upstream authorization server, not on Portcullis's sign-in page (its `form-action 'self'` blocks a cross-origin
// redirect of the form's POST), and a signed-out browser opening a connect URL goes through /login and on.
// The upstream is a second, real Portcullis on 127.0.0.1 (another origin, its own cookies): the downstream discovers
// it (RFC 9728/8414), registers (RFC 7591), and the user signs in there, consents, and comes back connected.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, OWNER, launchBrowser, startPortcullis } from '../lib/support.mjs';

let upstream;
let portcullis;
let browser;
let connectPath;

async function bearer(baseUrl) {
  const r = await fetch(`${baseUrl}/api/v2/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OWNER.email, password: OWNER.password }) });
  assert.equal(r.status, 201);
  return `Bearer ${(await r.json()).session_token}`;
}

async function createServer(baseUrl, body) {
  const r = await fetch(`${baseUrl}/api/v2/mcp/servers`, { method: 'POST', headers: { 'content-type': 'application/json',
    authorization: await bearer(baseUrl) }, body: JSON.stringify(body) });
  const text = await r.text();
  assert.equal(r.status, 201, text);
  return JSON.parse(text);
}

async function signIn(page, waitFor) {
  await page.fill('input[name=email]', OWNER.email);
  await page.fill('input[name=password]', OWNER.password);
  await Promise.all([page.waitForURL(waitFor, { timeout: 20_000 }), page.click('button[type=submit]')]);
}

before(async () => {
  upstream = await startPortcullis({ host: '127.0.0.1' });
  // a server published on the upstream makes /mcp/notes one of its protected resources
  await createServer(upstream.baseUrl, { display_name: 'Notes', slug: 'notes', url: 'https://notes.example/mcp', enabled: true });
  portcullis = await startPortcullis({ jvmArgs: ['-Dportcullis.outbound.allow-private-addresses=true'] });
  const created = await createServer(portcullis.baseUrl, { display_name: 'Upstream notes', slug: 'notes',
    url: `${upstream.baseUrl}/mcp/notes`, auth_type: 'oauth2', enabled: true });
  connectPath = `/api/v2/mcp/servers/${created.id}/oauth2/connect`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await portcullis?.stop();
  await upstream?.stop();
});

test('a signed-out browser opening a connect URL signs in, reaches the upstream, consents and comes back connected', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const opened = await page.goto(`${portcullis.baseUrl}${connectPath}`);
    assert.equal(new URL(page.url()).pathname, '/login', `not sent to sign in: ${opened.status()} ${await page.content()}`);
    assert.equal(new URL(page.url()).searchParams.get('redirect'), connectPath);
    await page.screenshot({ path: join(ARTIFACTS, 'connect-1-login.png') });
    await signIn(page, (url) => url.origin === upstream.baseUrl);
    // the upstream asks its own user to sign in (another origin, no session there yet)
    await page.waitForLoadState();
    await page.screenshot({ path: join(ARTIFACTS, 'connect-2-upstream.png') });
    assert.equal(new URL(page.url()).pathname, '/login');
    await signIn(page, /\/oauth2\/authorize/);
    assert.match(await page.textContent('main'), /Portcullis/);
    await Promise.all([page.waitForURL((url) => url.origin === portcullis.baseUrl && url.pathname.endsWith('/oauth2/callback'),
      { timeout: 20_000 }), page.click('button[value=allow]')]);
    await page.screenshot({ path: join(ARTIFACTS, 'connect-3-connected.png') });
    assert.match(await page.textContent('main'), /connected to\s+Upstream notes/);
    const servers = await (await fetch(`${portcullis.baseUrl}/api/v2/mcp/servers`, {
      headers: { authorization: await bearer(portcullis.baseUrl) } })).json();
    assert.equal(servers.find((s) => s.slug === 'notes').auth_connected, true);
  } finally {
    await context.close();
  }
});

test('signing in at /login?redirect=<connect URL> leads to the upstream, not back to the sign-in page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${portcullis.baseUrl}/login?redirect=${encodeURIComponent(connectPath)}`);
    await signIn(page, (url) => url.origin === upstream.baseUrl);
    await page.waitForLoadState();
    await page.screenshot({ path: join(ARTIFACTS, 'connect-4-after-login.png') });
    assert.equal(new URL(page.url()).origin, upstream.baseUrl);
  } finally {
    await context.close();
  }
});
