/**
 * A job's action kind in words.
 */
const KINDS: Record<string, string> = {
  'mail.send': 'Send mail',
  'files.download': 'Download a file',
  'files.upload': 'Upload a file',
  'teams.message': 'Post to Teams',
  'mail.attachments': 'Save mail attachments',
  'graph.request': 'Graph request',
  script: 'Script',
};

/** The kind in words; an unknown kind (a newer jobs file) is shown as written. */
export function jobKindLabel(kind: string): string {
  return KINDS[kind] ?? kind;
}
