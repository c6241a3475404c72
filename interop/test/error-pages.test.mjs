// What a browser sees when it opens a wrong address: Portcullis' own 404 page (PRODUCT §11), styled like the
// other pages, at desktop and phone width; API clients keep JSON at the same address.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, launchBrowser, startPortcullis } from '../lib/support.mjs';

let server;
let browser;

before(async () => {
  server = await startPortcullis();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a wrong address shows the 404 page in the browser and JSON to an API client', async () => {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    try {
      const response = await page.goto(`${server.baseUrl}/no/such/page`);
      assert.equal(response.status(), 404);
      assert.match(response.headers()['content-type'], /^text\/html/);
      assert.equal(await page.textContent('h1'), 'Page not found');
      // the stylesheet loaded under the page's CSP: the card is laid out, not raw text
      const width = await page.evaluate(() => document.querySelector('main').getBoundingClientRect().width);
      assert.ok(width > 200 && width <= viewport.width, `card width ${width}`);
      await page.screenshot({ path: join(ARTIFACTS, `error-404-${name}.png`) });
    } finally {
      await context.close();
    }
  }
  const api = await fetch(`${server.baseUrl}/no/such/page`, { headers: { accept: 'application/json' } });
  assert.equal(api.status, 404);
  assert.equal((await api.json()).message, 'Not found.');
});
