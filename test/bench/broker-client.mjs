// Run by broker-bench.ts inside `delegate exec`: asks the token broker for a Graph token N times, one after the
// other as an SDK would, and prints the latencies (ms) as JSON. Refuses to run off loopback.
import http from 'node:http';

const endpoint = new URL(process.env.IDENTITY_ENDPOINT ?? '');
if (!['127.0.0.1', '[::1]'].includes(endpoint.hostname)) {
  console.error(`IDENTITY_ENDPOINT is not loopback: ${endpoint.href}`);
  process.exit(97);
}
const count = Number(process.argv[2] ?? 200);
const resource = process.argv[3] ?? 'https://graph.microsoft.com';
const agent = new http.Agent({ keepAlive: false });
const ask = () =>
  new Promise((resolve, reject) => {
    const url = new URL(endpoint);
    url.searchParams.set('api-version', '2019-08-01');
    url.searchParams.set('resource', resource);
    const started = performance.now();
    http
      .get(url, { agent, headers: { 'X-IDENTITY-HEADER': process.env.IDENTITY_HEADER } }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => (response.statusCode === 200 && JSON.parse(body).access_token ? resolve(performance.now() - started) : reject(new Error(`broker answered ${response.statusCode}: ${body.slice(0, 200)}`))));
      })
      .on('error', reject);
  });
const times = [];
for (let i = 0; i < count; i++) times.push(await ask());
console.log(JSON.stringify(times));
