/**
 * Runs a job's action: one function per kind.
 */
import { sendMail } from './mail-send.js';
import { downloadFile } from './files-download.js';
import { uploadFile } from './files-upload.js';
import { postTeamsMessage } from './teams-message.js';
import { saveMailAttachments } from './mail-attachments.js';
import { callGraph } from './graph-request.js';
import { runScript } from './script.js';
import type { KindContext, KindResult } from './kind-context.js';

export function executeAction(context: KindContext): Promise<KindResult> {
  const action = context.job.action;
  switch (action.kind) {
    case 'mail.send':
      return sendMail(context, action);
    case 'files.download':
      return downloadFile(context, action);
    case 'files.upload':
      return uploadFile(context, action);
    case 'teams.message':
      return postTeamsMessage(context, action);
    case 'mail.attachments':
      return saveMailAttachments(context, action);
    case 'graph.request':
      return callGraph(context, action);
    case 'script':
      return runScript(context, action);
  }
}
