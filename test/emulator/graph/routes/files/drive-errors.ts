import type { GraphErrorSpec } from '../../graph-error.js';

/** SharePoint's and OneDrive's errors as Graph relays them (codes from Graph's error reference). */
export const driveErrors = {
  itemNotFound(): GraphErrorSpec {
    return { status: 404, code: 'itemNotFound', message: 'The resource could not be found.' };
  },

  siteNotFound(): GraphErrorSpec {
    return { status: 404, code: 'itemNotFound', message: 'Requested site could not be found' };
  },

  invalidHostname(): GraphErrorSpec {
    return { status: 400, code: 'invalidRequest', message: 'Invalid hostname for this tenancy' };
  },

  accessDenied(): GraphErrorSpec {
    return { status: 403, code: 'accessDenied', message: 'Access denied' };
  },

  nameAlreadyExists(): GraphErrorSpec {
    return { status: 409, code: 'nameAlreadyExists', message: 'The specified item name already exists.' };
  },

  /** The text Graph's createUploadSession page gives for a conflict found when the last fragment lands. */
  uploadNameConflict(): GraphErrorSpec {
    return {
      status: 409,
      code: 'nameAlreadyExists',
      message:
        'Another file exists with the same name as the uploaded session. You can redirect the upload session to use a new filename by calling PUT with the new metadata and @microsoft.graph.sourceUrl attribute.',
    };
  },

  invalidName(name: string): GraphErrorSpec {
    return { status: 400, code: 'invalidRequest', message: `The provided name '${name}' contains characters that are not allowed.`, innerError: { code: 'invalidPath' } };
  },

  notAFile(): GraphErrorSpec {
    return { status: 400, code: 'invalidRequest', message: 'The item is a folder; only files have content.' };
  },

  invalidRequest(message: string, innerCode?: string): GraphErrorSpec {
    return { status: 400, code: 'invalidRequest', message, ...(innerCode === undefined ? {} : { innerError: { code: innerCode } }) };
  },

  invalidConflictBehavior(value: string): GraphErrorSpec {
    return { status: 400, code: 'invalidRequest', message: `Invalid value '${value}' for @microsoft.graph.conflictBehavior: use fail, replace or rename.` };
  },
};
