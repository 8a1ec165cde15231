/**
 * What a job touches, in words a security reviewer can check: which mailboxes, recipients, sites, drives,
 * paths, chats, channels and commands — settings from the jobs file, never content.
 *
 * Decided with the reviewer in mind: recipient addresses and the subject line are configuration (written in
 * jobs.yaml by the person) and show where mail goes, so they are listed, with the recipient domains summed up;
 * a message or post body is content and only its source is named ("a file: reports/summary.html"). A script's
 * arguments are shown with anything token-shaped redacted, and of its environment only the variable names: a
 * value there may be a password.
 */
import { redactSecrets } from '../history/redact.js';
import type { Job, JobAction, DriveLocation, MessageBody } from '../../../shared/jobs/job-schema.js';

export type Access = 'read' | 'write' | 'send' | 'run';

export interface JobTouches {
  access: Access[];
  touches: Array<{ label: string; value: string }>;
}

/** Addresses listed before "and N more". */
const MAX_ADDRESSES = 20;

export function describeJobTouches(job: Job): JobTouches {
  return describeAction(job.action);
}

function describeAction(action: JobAction): JobTouches {
  switch (action.kind) {
    case 'mail.send': {
      const all = [...action.to, ...(action.cc ?? []), ...(action.bcc ?? [])];
      const touches = [
        { label: 'Sends mail as', value: 'the signed-in user (Mail.Send)' },
        { label: 'To', value: addresses(action.to) },
        ...(action.cc ? [{ label: 'Cc', value: addresses(action.cc) }] : []),
        ...(action.bcc ? [{ label: 'Bcc', value: addresses(action.bcc) }] : []),
        { label: 'Recipient domains', value: domains(all) },
        { label: 'Subject', value: action.subject },
        { label: 'Body', value: bodySource(action.body) },
      ];
      if (action.attachments.length > 0) touches.push({ label: 'Attaches local files', value: action.attachments.join(', ') });
      touches.push({ label: 'Copy in Sent Items', value: action.saveToSentItems ? 'yes' : 'no' });
      return { access: ['send'], touches };
    }
    case 'mail.attachments': {
      const filter = action.filter;
      const conditions = [
        filter.from ? `from ${filter.from}` : null,
        filter.subjectContains !== undefined ? `subject contains "${filter.subjectContains}"` : null,
        filter.unreadOnly ? 'unread only' : null,
        filter.receivedWithinDays !== undefined ? `received within ${filter.receivedWithinDays} days` : null,
        filter.attachmentNamePattern !== undefined ? `attachment names matching ${filter.attachmentNamePattern}` : null,
      ].filter((part): part is string => part !== null);
      const changes = [action.markRead ? 'marks the messages read' : null, action.moveTo ? `moves them to the folder "${action.moveTo}"` : null].filter((part): part is string => part !== null);
      return {
        access: changes.length > 0 ? ['read', 'write'] : ['read'],
        touches: [
          { label: 'Mailbox', value: action.mailbox ? `${action.mailbox} (shared or delegated mailbox)` : "the signed-in user's own mailbox" },
          { label: 'Folder', value: action.folder },
          { label: 'Messages', value: conditions.length > 0 ? conditions.join('; ') : 'every message' },
          { label: 'Saves attachments to', value: action.saveTo },
          { label: 'Changes in the mailbox', value: changes.length > 0 ? changes.join(' and ') : 'none (read only)' },
        ],
      };
    }
    case 'files.download':
      return {
        access: ['read'],
        touches: [
          { label: 'Reads from', value: driveLocation(action.source) },
          { label: 'Saves to (local)', value: action.destination },
        ],
      };
    case 'files.upload':
      return {
        access: ['write'],
        touches: [
          { label: 'Uploads (local)', value: action.source },
          { label: 'Writes to', value: driveLocation(action.destination) },
          { label: 'If the file exists', value: action.conflictBehavior },
        ],
      };
    case 'teams.message':
      return {
        access: ['send'],
        touches: [
          action.chatId !== undefined
            ? { label: 'Posts to chat', value: action.chatId }
            : { label: 'Posts to channel', value: `team ${action.teamId ?? '?'}, channel ${action.channelId ?? '?'}` },
          { label: 'Message', value: bodySource(action.body) },
        ],
      };
    case 'graph.request': {
      const writes = action.method !== 'GET';
      const touches = [{ label: 'Graph request', value: `${action.method} ${action.path}` }];
      if (action.body !== undefined) touches.push({ label: 'Request body', value: 'sent (not shown here)' });
      if (action.scopes) touches.push({ label: 'Declared scopes', value: action.scopes.join(' ') });
      if (action.saveTo) touches.push({ label: 'Saves the answer to', value: action.saveTo });
      return { access: writes ? ['write'] : ['read'], touches };
    }
    case 'script': {
      const touches = [
        { label: 'Runs', value: redactSecrets([action.command, ...action.args].map(shellWord).join(' ')) },
        { label: 'Working folder', value: action.cwd ?? "Delegate's home" },
      ];
      const envNames = Object.keys(action.env);
      if (envNames.length > 0) touches.push({ label: 'Sets variables', value: `${envNames.join(', ')} (values not shown)` });
      touches.push({
        label: 'Tokens in its environment',
        value:
          action.tokens.length === 0
            ? 'none'
            : action.tokens.map((token) => `${token.env} (${token.resource ? `${token.resource} .default` : token.scopes ? token.scopes.join(' ') : "Graph, the profile's scopes"})`).join('; '),
      });
      touches.push({ label: 'Token broker (IDENTITY_ENDPOINT)', value: brokerWords(action.broker) });
      return { access: ['run'], touches };
    }
  }
}

/** What the run's token broker serves the script's Azure SDKs (electron/core/broker/broker-resources.ts). */
function brokerWords(broker: Extract<Job['action'], { kind: 'script' }>['broker']): string {
  if (broker === false) return 'off: every request is refused';
  if (broker === undefined) return "on: Graph (the profile's scopes) and the profile's extra resources";
  return `on: ${broker.resources.map((resource) => (resource === 'graph' ? "Graph (the profile's scopes)" : `${resource} .default`)).join('; ') || 'nothing (every request is refused)'}`;
}

function addresses(list: readonly string[]): string {
  const shown = list.slice(0, MAX_ADDRESSES).join(', ');
  return list.length > MAX_ADDRESSES ? `${shown} and ${list.length - MAX_ADDRESSES} more` : shown;
}

/** `contoso.com (3), fabrikam.com (1)`: where the mail goes, at a glance. */
function domains(list: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const address of list) {
    const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
    counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  return [...counts].map(([domain, count]) => `${domain} (${count})`).join(', ');
}

function bodySource(body: MessageBody): string {
  if (body.file !== undefined) return `from the local file ${body.file} (content not shown)`;
  return `written in the jobs file as ${body.html !== undefined || body.type === 'html' ? 'HTML' : 'text'} (content not shown)`;
}

function driveLocation(location: DriveLocation): string {
  if ('site' in location) return `SharePoint site ${location.site}, path ${location.path}`;
  if ('drive' in location) return `the signed-in user's OneDrive, path ${location.path}`;
  if ('itemId' in location) return `drive ${location.driveId}, item ${location.itemId}`;
  return `drive ${location.driveId}, path ${location.path}`;
}

/** A word as a POSIX shell would need it, so the command line reads unambiguously. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
