/**
 * The seven kinds as the kind chooser offers them: a title and what each does, in a line.
 */
import type { EditorKind } from './job-draft.js';

export const KIND_CHOICES: ReadonlyArray<{ kind: EditorKind; title: string; description: string }> = [
  { kind: 'mail.send', title: 'Send mail', description: 'Send a mail from your mailbox, with a text, HTML or file body and attachments.' },
  { kind: 'files.download', title: 'Download a file', description: 'Copy a file from OneDrive or SharePoint to this computer.' },
  { kind: 'files.upload', title: 'Upload a file', description: 'Copy a file from this computer to OneDrive or SharePoint.' },
  { kind: 'teams.message', title: 'Post to Teams', description: "Post a message to a chat or a team's channel." },
  { kind: 'mail.attachments', title: 'Save mail attachments', description: 'Save the attachments of matching mails to a folder.' },
  { kind: 'graph.request', title: 'Send a Graph request', description: 'Send one Microsoft Graph request and save the answer.' },
  { kind: 'script', title: 'Run a script', description: 'Run a program with Graph tokens in its environment.' },
];
