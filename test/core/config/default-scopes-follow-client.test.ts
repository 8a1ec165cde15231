import { describe, expect, it } from 'vitest';
import { defaultProfileTemplate } from '../../../electron/core/config/profile-resolver.js';
import { applyProfileChanges, planProfileUpdate } from '../../../electron/core/profiles/profile-service.js';
import { DEFAULT_SIGN_IN_SCOPES, defaultScopesFor } from '../../../shared/default-scopes.js';

const OFFICE = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';
const GRAPH_POWERSHELL = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

describe('a profile that names no scopes asks for what its client can get', () => {
  it('starts the built-in default (Office) without the scopes Office is refused, so the first sign-in cannot hit AADSTS65002', () => {
    const profile = defaultProfileTemplate('work');
    expect(profile.clientId).toBe(OFFICE);
    expect(profile.scopes).toEqual(defaultScopesFor(OFFICE));
    expect(profile.scopes).not.toContain('ChannelMessage.Send');
  });

  it('gives a new profile on Graph PowerShell the whole broad set, and one on Azure CLI its small share', () => {
    expect(applyProfileChanges(defaultProfileTemplate('teams'), { clientId: 'graph-powershell' }).scopes).toEqual([...DEFAULT_SIGN_IN_SCOPES]);
    expect(applyProfileChanges(defaultProfileTemplate('admin'), { clientId: 'azure-cli' }).scopes).toEqual(['User.Read.All']);
  });

  it('moves scopes nobody chose along with the client, both ways, and keeps scopes the person chose', () => {
    const onPowerShell = applyProfileChanges(defaultProfileTemplate('w'), { clientId: 'graph-powershell' });
    const back = planProfileUpdate(onPowerShell, { clientId: 'office' });
    expect(back.after.scopes).toEqual(defaultScopesFor(OFFICE));
    expect(back.needsSignIn).toBe(true);

    const chosen = applyProfileChanges(defaultProfileTemplate('w'), { scopes: ['Mail.Send'] });
    expect(planProfileUpdate(chosen, { clientId: 'graph-powershell' }).after.scopes).toEqual(['Mail.Send']);
    // An older profile that stored the whole broad list on Office keeps it: the sign-in then names what Office is refused.
    const older = { ...defaultProfileTemplate('old'), scopes: [...DEFAULT_SIGN_IN_SCOPES] };
    expect(planProfileUpdate(older, { tenant: 'contoso.com' }).after.scopes).toEqual([...DEFAULT_SIGN_IN_SCOPES]);
    expect(planProfileUpdate(older, { clientId: GRAPH_POWERSHELL }).after.scopes).toEqual([...DEFAULT_SIGN_IN_SCOPES]);
  });

  it('takes scopes given with the client as they are', () => {
    expect(applyProfileChanges(defaultProfileTemplate('x'), { clientId: 'graph-powershell', scopes: ['Chat.ReadWrite'] }).scopes).toEqual(['Chat.ReadWrite']);
  });
});
