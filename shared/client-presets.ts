/**
 * First-party public client IDs Delegate can sign in with.
 *
 * These are Microsoft's own public clients, pre-authorised for common Graph scopes, that tenants
 * rarely block because Microsoft's own tools depend on them. Office is the default because it is also
 * pre-authorised for SharePoint `.default` tokens.
 */
export interface ClientPreset {
  id: 'office' | 'azure-cli' | 'graph-powershell';
  label: string;
  clientId: string;
}

export const CLIENT_PRESETS: readonly ClientPreset[] = [
  { id: 'office', label: 'Microsoft Office', clientId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c' },
  { id: 'azure-cli', label: 'Azure CLI', clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46' },
  { id: 'graph-powershell', label: 'Microsoft Graph PowerShell', clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e' },
];

export const DEFAULT_CLIENT_ID = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a client ID in the GUID form Entra ID requires. */
export function isClientIdWellFormed(clientId: string): boolean {
  return GUID.test(clientId);
}

/** The preset a client ID belongs to, or undefined for a custom one. */
export function presetForClientId(clientId: string): ClientPreset | undefined {
  return CLIENT_PRESETS.find((preset) => preset.clientId === clientId.toLowerCase());
}

/** Accepts a preset id (`office`, `azure-cli`, `graph-powershell`) or a GUID; returns the client ID. */
export function resolveClientId(input: string): string | undefined {
  const preset = CLIENT_PRESETS.find((candidate) => candidate.id === input.toLowerCase());
  if (preset) return preset.clientId;
  return isClientIdWellFormed(input) ? input.toLowerCase() : undefined;
}
