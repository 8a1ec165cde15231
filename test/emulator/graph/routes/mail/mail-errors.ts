import type { GraphErrorSpec } from '../../graph-error.js';

/** Exchange's errors as Graph relays them, with Exchange's codes (`Error…`) and texts. */
export const mailErrors = {
  accessDenied(): GraphErrorSpec {
    return { status: 403, code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' };
  },

  invalidUser(user: string): GraphErrorSpec {
    return { status: 404, code: 'ErrorInvalidUser', message: `The requested user '${user}' is invalid.` };
  },

  itemNotFound(): GraphErrorSpec {
    return { status: 404, code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' };
  },

  sendAsDenied(): GraphErrorSpec {
    return {
      status: 403,
      code: 'ErrorSendAsDenied',
      message:
        'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account., Cannot submit message.',
    };
  },

  noRecipients(): GraphErrorSpec {
    return { status: 400, code: 'ErrorInvalidRecipients', message: "At least one recipient isn't valid., A message can't be sent because it contains no recipients." };
  },

  invalidRecipient(address: string): GraphErrorSpec {
    return {
      status: 400,
      code: 'ErrorInvalidRecipients',
      message: `At least one recipient isn't valid., Recipient '${address}' isn't resolved. All recipients must be resolved before a message can be submitted.`,
    };
  },
};
