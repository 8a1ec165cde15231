/**
 * Reads a mail or Teams body: inline text or HTML, or a file whose type is given or guessed from its name.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DelegateError } from '../../errors/delegate-error.js';
import { describeOsError, isOsError } from '../../errors/os-error.js';
import type { MessageBody } from '../../../../shared/jobs/job-schema.js';
import type { KindContext } from './kind-context.js';

export async function readMessageBody(context: KindContext, body: MessageBody): Promise<{ contentType: 'text' | 'html'; content: string }> {
  if (body.html !== undefined) return { contentType: 'html', content: body.html };
  if (body.text !== undefined) return { contentType: 'text', content: body.text };
  const path = context.resolvePath(body.file as string);
  const content = await readLocalFile(path, 'the body file').then((buffer) => buffer.toString('utf8'));
  const type = body.type ?? (['.html', '.htm'].includes(extname(path).toLowerCase()) ? 'html' : 'text');
  return { contentType: type, content };
}

export async function readLocalFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && isOsError(error)) throw describeOsError(error, { what, path });
    throw new DelegateError({
      code: 'invalid-input',
      message: code === 'ENOENT' ? `${what} ${path} does not exist.` : `${what} ${path} cannot be read (${code ?? (error as Error).message}).`,
      action: 'Check the path in the jobs file, or that the job producing this file ran first.',
    });
  }
}
