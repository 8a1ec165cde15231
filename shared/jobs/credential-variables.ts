/**
 * Credential variables: what makes an Azure SDK pick a credential other than the run's token broker.
 *
 * The broker (electron/core/broker/broker-env.ts) drops them from a child's environment, and the jobs file's
 * schema refuses them as names for a token variable; both read this one list.
 */

/** Dropped from what the child inherits (checked against Python azure-identity 1.13 and @azure/identity 4.14). */
export const CREDENTIAL_VARIABLES = [
  'AZURE_CLIENT_ID',
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'AZURE_CLIENT_SEND_CERTIFICATE_CHAIN',
  'AZURE_USERNAME',
  'AZURE_PASSWORD',
  'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_KUBERNETES_TOKEN_PROXY',
  'AZURE_POD_IDENTITY_AUTHORITY_HOST',
  'DEFAULT_IDENTITY_CLIENT_ID',
  'IDENTITY_SERVER_THUMBPRINT',
  'MSI_ENDPOINT',
  'MSI_SECRET',
  'IMDS_ENDPOINT',
  'IDENTITY_ENDPOINT',
  'IDENTITY_HEADER',
  'AZURE_TOKEN_CREDENTIALS',
] as const;
