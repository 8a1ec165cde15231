// A stand-in for a person's browser in tests: opens the authorize URL on the emulator (trusting its CA) after the
// person "approved" (the control API's auto-approve), then delivers the answer to msal-node's loopback listener
// the way a browser does: following a 302, or submitting Entra's self-posting form_post page.
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';

const ca = readFileSync(process.env.DELEGATE_TEST_CA);

function send(method, url, body) {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const transport = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' };
    const req = transport(target, { method, headers, ...(target.protocol === 'https:' ? { ca } : {}) }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location, text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const unescape = (text) => text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

const page = await send('GET', process.argv[2]);
if (page.status >= 300 && page.status < 400) {
  await send('GET', new URL(page.location, process.argv[2]).href);
} else {
  const action = /<form[^>]*action="([^"]+)"/i.exec(page.text)?.[1];
  if (!action) throw new Error(`fake browser: no redirect and no form on the page (HTTP ${page.status})`);
  const fields = new URLSearchParams();
  for (const match of page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields.append(unescape(match[1]), unescape(match[2]));
  await send('POST', unescape(action), fields.toString());
}
