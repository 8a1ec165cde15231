import { request as httpRequest } from 'node:http';
import type { EmulatorClient } from './emulator-client.js';

/**
 * Plays a person's browser after they approved: opens the authorize URL and delivers the answer to
 * the app's loopback listener, following a 302 or submitting Entra's form_post page.
 */

export interface FormPost {
  readonly action: string;
  readonly fields: Record<string, string>;
}

export function readFormPost(html: string): FormPost {
  const action = /<form method="POST" name="hiddenform" action="([^"]+)">/.exec(html)?.[1];
  if (!action) throw new Error(`not a form_post page: ${html.slice(0, 200)}`);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)" \/>/g)) {
    fields[unescape(match[1] ?? '')] = unescape(match[2] ?? '');
  }
  return { action: unescape(action), fields };
}

export async function completeInBrowser(client: EmulatorClient, authorizeUrl: string): Promise<number> {
  const page = await client.get(authorizeUrl);
  if (page.status === 302) return send('GET', page.headers.location ?? '', undefined);
  const form = readFormPost(page.text);
  return send('POST', form.action, new URLSearchParams(form.fields).toString());
}

function send(method: 'GET' | 'POST', url: string, body: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' };
    const outgoing = httpRequest(url, { method, headers }, (incoming) => {
      incoming.resume();
      incoming.on('end', () => resolve(incoming.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    if (body !== undefined) outgoing.write(body);
    outgoing.end();
  });
}

function unescape(text: string): string {
  return text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}
