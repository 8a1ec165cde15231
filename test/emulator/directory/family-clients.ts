/**
 * Microsoft's family of client IDs (FOCI): public clients whose refresh tokens are family refresh tokens.
 *
 * Entra never publishes the family. This is the list Secureworks observed getting `"foci": "1"` from Entra
 * (github.com/secureworks/family-of-client-ids-research, known-foci-clients.csv) — only clients seen in the
 * family, none guessed. Graph PowerShell (14d82eec…, "Microsoft Graph Command Line Tools") is not among them:
 * its token responses carry no `foci`.
 */
import { AZURE_CLI_CLIENT_ID, OFFICE_CLIENT_ID } from './directory.js';

/** The value Entra sends in `foci` and msal writes as `family_id`: there has only ever been family "1". */
export const FAMILY_ID = '1';

const FAMILY_CLIENTS: ReadonlySet<string> = new Set([
  OFFICE_CLIENT_ID, // Microsoft Office
  AZURE_CLI_CLIENT_ID, // Microsoft Azure CLI
  '1950a258-227b-4e31-a9cf-717495945fc2', // Microsoft Azure PowerShell
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Microsoft Teams
  '00b41c95-dab0-4487-9791-b9d2c32c80f2', // Office 365 Management
  '26a7ee05-5602-4d76-a7ba-eae8b7b67941', // Windows Search
  '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook Mobile
  '4813382a-8fa7-425e-ab75-3b753aab3abb', // Microsoft Authenticator App
  'ab9b8c07-8f02-4f72-87fa-80105867a763', // OneDrive SyncEngine
  '872cd9fa-d31f-45e0-9eab-6e460a02d1f1', // Visual Studio
  'af124e86-4e96-495a-b70a-90f90ab96707', // OneDrive iOS App
  '2d7f3606-b07d-41d1-b9d2-0d0c9296a6e8', // Microsoft Bing Search for Microsoft Edge
  '844cca35-0656-46ce-b636-13f48b0eecbd', // Microsoft Stream Mobile Native
  '87749df4-7ccf-48f8-aa87-704bad0e0e16', // Microsoft Teams - Device Admin Agent
  'cf36b471-5b44-428c-9ce7-313bf84528de', // Microsoft Bing Search
  '0ec893e0-5785-4de6-99da-4ed124e5296c', // Office UWP PWA
  '22098786-6e16-43cc-a27d-191a01a1e3b5', // Microsoft To-Do client
  '4e291c71-d680-4d0e-9640-0a3358e31177', // PowerApps
  '57336123-6e14-4acc-8dcf-287b6088aa28', // Microsoft Whiteboard Client
  '57fcbcfa-7cee-4eb1-8b25-12d2030b4ee0', // Microsoft Flow
  '66375f6b-983f-4c2c-9701-d680650f588f', // Microsoft Planner
  '9ba1a5c7-f17a-4de9-a1f1-6178c8d51223', // Microsoft Intune Company Portal
  'a40d7d7d-59aa-447e-a655-679a4107e548', // Accounts Control UI
  'a569458c-7f2b-45cb-bab9-b7dee514d112', // Yammer iPhone
  'b26aadf8-566f-4478-926f-589f601d9c74', // OneDrive
  'c0d2a505-13b8-4ae0-aa9e-cddd5eab0b12', // Microsoft Power BI
  'd326c1ce-6cc6-4de2-bebc-4591e5e13ef0', // SharePoint
  'e9c51622-460d-4d3d-952d-966a5b1da34c', // Microsoft Edge
  'eb539595-3fe1-474e-9c1d-feb3625d1be5', // Microsoft Tunnel
  'ecd6b820-32c2-49b6-98a6-444530e5a77a', // Microsoft Edge
  'f05ff7c9-f75a-4acd-a3b5-f4b6a870245d', // SharePoint Android
  'f44b1140-bc5e-48c6-8dc0-5cf5a53c0e34', // Microsoft Edge
  'be1918be-3fe3-4be9-b32b-b542fc27f02e', // M365 Compliance Drive Client
  'cab96880-db5b-4e15-90a7-f3f1d62ffe39', // Microsoft Defender Platform
  'd7b530a4-7680-4c23-a8bf-c52c121d2e87', // Microsoft Edge Enterprise New Tab Page
  'dd47d17a-3194-4d86-bfd5-c6ae6f5651e3', // Microsoft Defender for Mobile
  'e9b154d0-7658-433b-bb25-6b8e0a8a7c59', // Outlook Lite
]);

export function isFamilyClient(clientId: string): boolean {
  return FAMILY_CLIENTS.has(clientId.toLowerCase());
}
