/**
 * Scripts for the token broker tests, written as a user would write them: plain Azure SDK code, no Delegate
 * code. Each one first checks that IDENTITY_ENDPOINT is set and points at loopback, and exits 97 before any
 * credential exists otherwise: azure-identity would probe IMDS at 169.254.169.254, and no test sends a packet
 * off loopback.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Debian's interpreter, which has python3-azure (the `python3` first on PATH may not). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

export const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

/** Why the Python cases cannot run here, or null. */
export function pythonAzureMissing(): string | null {
  if (!existsSync(SYSTEM_PYTHON)) return `${SYSTEM_PYTHON} is not installed`;
  if (!existsSync('/usr/lib/python3/dist-packages/azure/identity')) return 'python3-azure (azure-identity) is not installed for /usr/bin/python3 (scripts/setup.sh installs it)';
  return null;
}

export const PYTHON_LOOPBACK_GUARD = `
import os, sys, urllib.parse
_endpoint = os.environ.get("IDENTITY_ENDPOINT", "")
if urllib.parse.urlsplit(_endpoint).hostname not in ("127.0.0.1", "::1"):
    print("refusing to start: IDENTITY_ENDPOINT is not loopback:", repr(_endpoint), file=sys.stderr)
    sys.exit(97)
`;

export const NODE_LOOPBACK_GUARD = `
const endpoint = process.env.IDENTITY_ENDPOINT ?? '';
let host = '';
try { host = new URL(endpoint).hostname; } catch {}
if (host !== '127.0.0.1' && host !== '[::1]') {
  console.error('refusing to start: IDENTITY_ENDPOINT is not loopback:', JSON.stringify(endpoint));
  process.exit(97);
}
`;

/** Python: who am I, through DefaultAzureCredential and requests. GRAPH_URL is the emulator's Graph root. */
export const PYTHON_WHOAMI = `${PYTHON_LOOPBACK_GUARD}
import requests
from azure.identity import DefaultAzureCredential
graph = os.environ["GRAPH_URL"]
credential = DefaultAzureCredential()
token = credential.get_token(graph + "/.default")
response = requests.get(graph + "/v1.0/me", headers={"Authorization": "Bearer " + token.token})
response.raise_for_status()
print("hello", response.json()["userPrincipalName"])
`;

/** Node: the same with @azure/identity's ManagedIdentityCredential and fetch (NODE_PATH finds the package). */
export const NODE_WHOAMI = `${NODE_LOOPBACK_GUARD}
const { DefaultAzureCredential } = require('@azure/identity');
(async () => {
  const graph = process.env.GRAPH_URL;
  const credential = new DefaultAzureCredential();
  const token = await credential.getToken(graph + '/.default');
  const response = await fetch(graph + '/v1.0/me', { headers: { Authorization: 'Bearer ' + token.token } });
  if (!response.ok) throw new Error('Graph answered ' + response.status);
  console.log('hello', (await response.json()).userPrincipalName);
})().catch((error) => {
  console.error(String(error && error.message || error));
  process.exit(1);
});
`;

/**
 * Works longer than a token lives: /me, a pause of PAUSE seconds, /me again. With TOKEN_FROM=env it uses the
 * token Delegate put in GRAPH_TOKEN at the start; otherwise DefaultAzureCredential (the broker).
 */
export const PYTHON_LONG_WORK = `${PYTHON_LOOPBACK_GUARD}
import time, requests
graph = os.environ["GRAPH_URL"]
if os.environ.get("TOKEN_FROM") == "env":
    current = lambda: os.environ["GRAPH_TOKEN"]
else:
    from azure.identity import DefaultAzureCredential
    credential = DefaultAzureCredential()
    current = lambda: credential.get_token(graph + "/.default").token
def me():
    return requests.get(graph + "/v1.0/me", headers={"Authorization": "Bearer " + current()}).status_code
print("first", me(), flush=True)
time.sleep(float(os.environ["PAUSE"]))
second = me()
print("second", second, flush=True)
sys.exit(0 if second == 200 else 1)
`;
