import { describe, expect, it } from 'vitest';
import { brokerChildEnv, credentialOverrides, CREDENTIAL_VARIABLES } from '../../../electron/core/broker/broker-env.js';

const broker = { endpoint: 'http://127.0.0.1:4000/msi/token', secret: 's3cret' };

describe('the environment a script gets with the broker', () => {
  it('drops every inherited variable that would make an Azure SDK pick another credential, and points it at the broker', () => {
    const inherited = Object.fromEntries(CREDENTIAL_VARIABLES.map((name) => [name, 'inherited']));
    const env = brokerChildEnv({ ...inherited, PATH: '/usr/bin', Azure_Client_Secret: 'mixed case' }, broker);
    expect(env).toEqual({ PATH: '/usr/bin', IDENTITY_ENDPOINT: broker.endpoint, IDENTITY_HEADER: broker.secret, AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential' });
  });

  it('always sets IDENTITY_ENDPOINT, so no SDK probes IMDS at 169.254.169.254', () => {
    expect(brokerChildEnv({}, broker).IDENTITY_ENDPOINT).toBe(broker.endpoint);
  });

  it('lets the job’s own env win, and names what it overrides so `delegate jobs` can warn', () => {
    const env = brokerChildEnv({}, broker, { AZURE_CLIENT_ID: 'mine', REPORT: 'x' });
    expect(env.AZURE_CLIENT_ID).toBe('mine');
    expect(credentialOverrides({ AZURE_CLIENT_ID: 'mine', REPORT: 'x', msi_endpoint: 'y' })).toEqual(['AZURE_CLIENT_ID', 'msi_endpoint']);
  });

  it('keeps the broker off the proxy: 127.0.0.1 joins NO_PROXY in both spellings when a proxy is set', () => {
    expect(brokerChildEnv({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '.corp' }, broker)).toMatchObject({ NO_PROXY: '.corp,127.0.0.1', no_proxy: '.corp,127.0.0.1' });
    expect(brokerChildEnv({ http_proxy: 'http://proxy:3128', NO_PROXY: '*' }, broker).NO_PROXY).toBe('*');
    expect(brokerChildEnv({}, broker).NO_PROXY).toBeUndefined();
  });
});
