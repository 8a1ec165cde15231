import type { GraphRoute } from '../graph-route.js';

/** `GET /v1.0/me`: the signed-in user, with the properties Graph returns by default. */
export const meRoute: GraphRoute = {
  method: 'GET',
  pattern: /^\/v1\.0\/me\/?$/,
  anyOfScopes: ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'],
  handle: ({ caller, context }) => {
    const { user } = caller;
    return {
      status: 200,
      body: {
        '@odata.context': `${context.graphBaseUrl}/v1.0/$metadata#users/$entity`,
        businessPhones: user.businessPhones,
        displayName: user.displayName,
        givenName: user.givenName,
        jobTitle: user.jobTitle,
        mail: user.mail,
        mobilePhone: user.mobilePhone,
        officeLocation: user.officeLocation,
        preferredLanguage: user.preferredLanguage,
        surname: user.surname,
        userPrincipalName: user.upn,
        id: user.oid,
      },
    };
  },
};
