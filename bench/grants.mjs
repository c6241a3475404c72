// Load driver for the token endpoint (bench/grants.sh runs it). Usage:
//   node bench/grants.mjs <base-url> <session-token> <client-id> <client-secret|-> <grants> <connections> <refresh-seconds>
// 1. obtains <grants> authorization codes through the consent page (not measured),
// 2. exchanges them all, <connections> requests in flight (measured: "exchange"),
// 3. holds the <grants> refresh-token chains and refreshes them round-robin for <refresh-seconds>, each answer's
//    refresh token replacing the one used (measured: "refresh").
// Before and after each measured phase it writes "mark <name>" on stderr and waits for a line on stdin, so the
// caller can sample CPU and database counters exactly around the phase (NO_MARKS=1: no pauses). Results are JSON
// lines on stdout.
import http from 'node:http';
import crypto from 'node:crypto';
import readline from 'node:readline';

const [base, session, clientId, secretArg, grantsArg, connArg, secondsArg] = process.argv.slice(2);
const secret = secretArg === '-' ? null : secretArg;
const GRANTS = Number(grantsArg);
const CONNECTIONS = Number(connArg);
const SECONDS = Number(secondsArg);
const url = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
const REDIRECT = 'http://127.0.0.1:7777/callback';
const VERIFIER = crypto.randomBytes(32).toString('base64url');
const CHALLENGE = crypto.createHash('sha256').update(VERIFIER).digest('base64url');
const lines = readline.createInterface({ input: process.stdin });
const waiting = [];
let credit = 0;
lines.on('line', () => (waiting.length ? waiting.shift()() : credit++));

function mark(name) {
  if (process.env.NO_MARKS) return Promise.resolve();
  process.stderr.write(`mark ${name}\n`);
  if (credit > 0) {
    credit--;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}

function request(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const form = (o) => new URLSearchParams(o).toString();
const clientAuth = secret
  ? { authorization: 'Basic ' + Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64') }
  : {};
const clientForm = secret ? {} : { client_id: clientId };

async function obtainCode() {
  const q = form({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, state: 's', code_challenge: CHALLENGE,
    code_challenge_method: 'S256' });
  const page = await request('GET', `/oauth2/authorize?${q}`, { cookie: `portcullis_session_token=${session}` });
  if (page.status !== 200) throw new Error(`consent page: ${page.status} ${page.body.slice(0, 200)}`);
  const fields = {};
  for (const m of page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1]] = m[2].replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
  }
  const csrf = (page.headers['set-cookie'] || []).map((c) => c.split(';')[0]).filter((c) => /csrf/i.test(c)).join('; ');
  const allow = await request('POST', '/oauth2/authorize', {
    'content-type': 'application/x-www-form-urlencoded', cookie: `portcullis_session_token=${session}; ${csrf}`,
    origin: base, 'sec-fetch-site': 'same-origin',
  }, form({ ...fields, action: 'allow' }));
  const location = allow.headers.location;
  if (allow.status !== 302 || !location) throw new Error(`allow: ${allow.status} ${allow.body.slice(0, 200)}`);
  return new URL(location).searchParams.get('code');
}

function token(params) {
  return request('POST', '/oauth2/token', { 'content-type': 'application/x-www-form-urlencoded', ...clientAuth },
    form({ ...params, ...clientForm }));
}

/** Runs next() on CONNECTIONS workers until it returns false; returns latencies (ms) and status counts. */
async function drive(next) {
  const latencies = [];
  const statuses = {};
  const worker = async () => {
    for (;;) {
      const started = process.hrtime.bigint();
      const status = await next();
      if (status === null) return;
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      statuses[status] = (statuses[status] || 0) + 1;
    }
  };
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))]?.toFixed(2);
  const ok = statuses[200] || 0;
  return { ok, seconds: Number(seconds.toFixed(3)), perSecond: Math.round(ok / seconds), p50: pct(50), p99: pct(99), statuses };
}

const codes = [];
for (let i = 0; i < GRANTS; i += CONNECTIONS) {
  const batch = await Promise.all(Array.from({ length: Math.min(CONNECTIONS, GRANTS - i) }, obtainCode));
  codes.push(...batch);
}

const chains = [];
let nextCode = 0;
await mark('exchange-start');
const exchange = await drive(async () => {
  if (nextCode >= codes.length) return null;
  const code = codes[nextCode++];
  const r = await token({ grant_type: 'authorization_code', code, code_verifier: VERIFIER, redirect_uri: REDIRECT });
  if (r.status === 200) chains.push(JSON.parse(r.body).refresh_token);
  return r.status;
});
await mark('exchange-end');
console.log(JSON.stringify({ phase: 'exchange', grants: GRANTS, connections: CONNECTIONS, ...exchange }));

// each chain is used by one request at a time: a worker takes the next idle chain and puts back its successor
const idle = chains.slice();
let lost = 0;
await mark('refresh-start');
const deadline = Date.now() + SECONDS * 1000;
const refresh = await drive(async () => {
  if (Date.now() >= deadline || idle.length === 0) return null;
  const current = idle.shift();
  const r = await token({ grant_type: 'refresh_token', refresh_token: current });
  if (r.status === 200) idle.push(JSON.parse(r.body).refresh_token);
  else lost++;
  return r.status;
});
await mark('refresh-end');
console.log(JSON.stringify({ phase: 'refresh', chains: chains.length, connections: CONNECTIONS, chainsLost: lost, ...refresh }));
lines.close();
agent.destroy();
