// A stand-in for a person's browser in tests: follows the sign-in redirects (HTTPS to the emulator, trusting its
// CA, then HTTP to msal-node's loopback listener) the way a browser would after the person clicks Approve.
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';

const ca = readFileSync(process.env.DELEGATE_TEST_CA);
let url = process.argv[2];
for (let hop = 0; hop < 10 && url; hop++) {
  const target = new URL(url);
  url = await new Promise((resolve, reject) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, target.protocol === 'https:' ? { ca } : {}, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode >= 300 && res.statusCode < 400 ? new URL(res.headers.location, target).href : undefined));
    });
    req.on('error', reject);
    req.end();
  });
}
