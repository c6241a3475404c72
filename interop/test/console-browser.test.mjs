// The owner console (/admin, PRODUCT §11) in headless Chromium against the built jar: an owner signs in on the way to
// /admin, creates a member, registers a real MCP server by URL (a second Portcullis on 127.0.0.1 whose /mcp/notes is
// OAuth-protected: discovery, registration and a connection test run against it), revokes a grant, reads the audit
// entries of those actions, and a member gets 403. Every console page is photographed at 1280 and 390 pixels wide into interop/artifacts.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, OWNER, authorizeInBrowser, launchBrowser, startCallbackServer, startPortcullis } from '../lib/support.mjs';

const MEMBER = { email: 'casey@example.com', username: 'casey', password: 'casey-password-1' };
let upstream;
let portcullis;
let browser;
let callback;
let access;

async function bearer(baseUrl, who = OWNER) {
  const r = await fetch(`${baseUrl}/api/v2/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: who.email, password: who.password }) });
  assert.equal(r.status, 201);
  return `Bearer ${(await r.json()).session_token}`;
}

/** A public client authorized by the owner in the browser: the grant the console will revoke. */
async function grantForAnApp() {
  const reg = await fetch(`${portcullis.baseUrl}/oauth2/register`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'Notebook', redirect_uris: [callback.redirectUri], token_endpoint_auth_method: 'none' }) });
  assert.equal(reg.status, 201);
  const { client_id: clientId } = await reg.json();
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const url = new URL(`${portcullis.baseUrl}/oauth2/authorize`);
  Object.entries({ response_type: 'code', client_id: clientId, redirect_uri: callback.redirectUri, code_challenge: challenge,
    code_challenge_method: 'S256', state: 'st', scope: 'user:read', resource: portcullis.baseUrl })
    .forEach(([k, v]) => url.searchParams.set(k, v));
  const { query } = await authorizeInBrowser(browser, url, callback);
  const token = await fetch(`${portcullis.baseUrl}/oauth2/token`, { method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: query.get('code'), code_verifier: verifier,
      client_id: clientId, redirect_uri: callback.redirectUri, resource: portcullis.baseUrl }) });
  const body = await token.json();
  assert.equal(token.status, 200, JSON.stringify(body));
  return body.access_token;
}

async function shoot(page, name) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, `console-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signIn(page, who) {
  await page.fill('input[name=email]', who.email);
  await page.fill('input[name=password]', who.password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/login', { timeout: 20_000 }), page.click('button[type=submit]')]);
}

before(async () => {
  upstream = await startPortcullis({ host: '127.0.0.1' });
  const r = await fetch(`${upstream.baseUrl}/api/v2/mcp/servers`, { method: 'POST', headers: { 'content-type': 'application/json',
    authorization: await bearer(upstream.baseUrl) }, body: JSON.stringify({ display_name: 'Notes', slug: 'notes',
    url: 'https://notes.example/mcp', enabled: true }) });
  assert.equal(r.status, 201);
  portcullis = await startPortcullis({ jvmArgs: ['-Dportcullis.outbound.allow-private-addresses=true'] });
  callback = await startCallbackServer();
  browser = await launchBrowser();
  access = await grantForAnApp();
});

after(async () => {
  await browser?.close();
  await callback?.close();
  await portcullis?.stop();
  await upstream?.stop();
});

test('an owner manages users, MCP servers and grants in the console', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${portcullis.baseUrl}/admin`);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(new URL(page.url()).searchParams.get('redirect'), '/admin');
    await signIn(page, OWNER);
    assert.equal(new URL(page.url()).pathname, '/admin/users');

    // a member, created with the form
    await page.fill('#email', MEMBER.email);
    await page.fill('#username', MEMBER.username);
    await page.fill('#password', MEMBER.password);
    await Promise.all([page.waitForURL(/done=user-created/), page.click('text=Create user')]);
    assert.match(await page.textContent('main'), /User created\./);
    assert.match(await page.textContent('table'), /casey@example\.com/);
    // the member's profile, edited in their row (username and e-mail)
    const row = page.locator('tr', { hasText: 'casey@example.com' });
    await row.locator('input[name=username]').fill('casey-k');
    await Promise.all([page.waitForURL(/done=profile-updated/), row.locator('text=Save profile').click()]);
    assert.match(await page.textContent('main'), /Profile saved\./);
    assert.match(await page.textContent('table'), /casey-k/);
    await shoot(page, 'users');
    // on a phone every field of the row's forms fills the width: username, e-mail and the password reset
    await page.setViewportSize({ width: 390, height: 900 });
    const [username, email, password] = await Promise.all(['username', 'email', 'password']
      .map((name) => row.locator(`input[name=${name}]`).evaluate((input) => input.getBoundingClientRect().width)));
    assert.ok(username > 300 && Math.abs(username - email) < 1 && Math.abs(username - password) < 1,
      `username ${username} px, e-mail ${email} px, password ${password} px wide at 390`);
    await page.setViewportSize({ width: 1280, height: 900 });

    // an MCP server by URL: discovery against the upstream, then a connection test
    await page.goto(`${portcullis.baseUrl}/admin/servers`);
    await page.fill('#url', `${upstream.baseUrl}/mcp/notes`);
    await page.fill('#display_name', 'Upstream notes');
    await page.fill('#slug', 'notes');
    await page.selectOption('#auth_type', 'oauth2');
    await Promise.all([page.waitForLoadState(), page.click('text=Register server')]);
    const registered = await page.textContent('main');
    assert.match(registered, /Discovery found the authorization server/, registered);
    assert.ok(registered.includes(`authorization endpoint: ${upstream.baseUrl}/oauth2/authorize`), registered);
    await shoot(page, 'server-registered');
    await Promise.all([page.waitForLoadState(), page.click('text=Test connection')]);
    const tested = await page.textContent('main');
    assert.match(tested, /Discovery succeeded/, tested);
    assert.ok(tested.includes(`authorization server: ${upstream.baseUrl}`), tested);
    await shoot(page, 'server-tested');
    await page.goto(`${portcullis.baseUrl}/admin/servers`);
    assert.match(await page.textContent('table'), /Upstream notes/);
    await shoot(page, 'servers');

    // the grant of the app the owner authorized: revoked, and its token stops working
    assert.equal((await fetch(`${portcullis.baseUrl}/api/v2/users/me`, { headers: { authorization: `Bearer ${access}` } })).status, 200);
    await page.goto(`${portcullis.baseUrl}/admin/grants`);
    assert.match(await page.textContent('table'), /Notebook/);
    await shoot(page, 'grants');
    await Promise.all([page.waitForURL(/done=grant-revoked/), page.click('button:has-text("Revoke")')]);
    assert.match(await page.textContent('main'), /Grant revoked/);
    assert.equal((await fetch(`${portcullis.baseUrl}/api/v2/users/me`, { headers: { authorization: `Bearer ${access}` } })).status, 401);

    // the other pages, with something on them
    await page.goto(`${portcullis.baseUrl}/admin/apps`);
    await page.fill('#name', 'Reporting');
    await page.fill('#redirect_uris', 'https://reports.example/callback');
    await Promise.all([page.waitForURL(/\/admin\/apps\/[0-9a-f-]+/), page.click('text=Create app')]);
    await Promise.all([page.waitForLoadState(), page.click('text=Create a secret')]);
    assert.match(await page.textContent('main'), /shown only this once/);
    await shoot(page, 'app-secret');
    await page.goto(`${portcullis.baseUrl}/admin/apps`);
    await shoot(page, 'apps');
    await page.goto(`${portcullis.baseUrl}/admin/resources`);
    await page.fill('#resource', 'https://api.reports.example');
    await page.fill('#display_name', 'Reports API');
    await page.fill('#scopes', 'reports:read reports:write');
    await Promise.all([page.waitForLoadState(), page.click('text=Register resource')]);
    assert.match(await page.textContent('main'), /Introspection client secret/);
    await page.goto(`${portcullis.baseUrl}/admin/resources`);
    assert.match(await page.textContent('table'), /Reports API/);
    await shoot(page, 'resources');

    // the audit log shows what was just done, and filters by action
    await page.goto(`${portcullis.baseUrl}/admin/audit`);
    const log = await page.textContent('table');
    for (const action of ['user.create', 'mcp_server.create', 'oauth2.revoke', 'oauth2.app.create', 'oauth2.resource.create']) {
      assert.ok(log.includes(action), `${action} missing from the audit page:\n${log}`);
    }
    assert.ok(!log.includes(MEMBER.password), 'a password in the audit log');
    await shoot(page, 'audit');
    await page.selectOption('#action', 'mcp_server.create');
    await Promise.all([page.waitForURL(/action=mcp_server\.create/), page.click('text=Filter')]);
    const filtered = await page.textContent('table');
    assert.ok(filtered.includes('mcp_server.create') && !filtered.includes('user.create'), filtered);
  } finally {
    await context.close();
  }
});

test('a member gets 403 on /admin', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${portcullis.baseUrl}/login?redirect=/admin`);
    await signIn(page, MEMBER);
    const response = await page.goto(`${portcullis.baseUrl}/admin/users`);
    assert.equal(response.status(), 403);
    assert.match(await page.textContent('main'), /Owners only/);
    await shoot(page, 'member-403');
  } finally {
    await context.close();
  }
});
