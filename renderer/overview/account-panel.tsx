/**
 * Who the profile is signed in as, with which client, where the tokens are kept, and when Entra ID last
 * answered.
 */
import type { ReactNode } from 'react';
import { presetForClientId } from '../../shared/client-presets.js';
import type { ProfileHealth } from '../../shared/models/health.js';
import { Panel } from '../components/panel.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatFull, formatRelative, formatWhen } from '../format/dates.js';
import { probeOutcomeLabel, probeOutcomeTone } from '../format/health-status.js';

interface AccountPanelProps {
  health: ProfileHealth;
  now: Date;
  actions?: ReactNode;
}

export function AccountPanel({ health, now, actions }: AccountPanelProps) {
  const preset = presetForClientId(health.clientId);
  const when = (iso: string | null) =>
    iso === null ? (
      <span className="muted">Never</span>
    ) : (
      <time dateTime={iso} title={formatFull(iso)}>
        {formatWhen(iso, now)} <span className="muted">({formatRelative(iso, now)})</span>
      </time>
    );
  return (
    <Panel title="Account" actions={actions}>
      <dl className="facts">
        <div>
          <dt>Signed in as</dt>
          <dd>{health.account ? health.account.username : <span className="muted">Nobody yet</span>}</dd>
        </div>
        <div>
          <dt>Tenant</dt>
          <dd className="mono selectable">{health.account ? health.account.tenantId : '—'}</dd>
        </div>
        <div>
          <dt>Client ID</dt>
          <dd>
            {preset ? preset.label : 'Custom client'}
            <span className="mono muted selectable block">{health.clientId}</span>
          </dd>
        </div>
        <div>
          <dt>Token cache</dt>
          <dd>
            {health.cacheBackend === 'keychain' ? 'System keychain' : <StatusBadge tone="warning" label="PLAINTEXT file" />}
          </dd>
        </div>
        <div>
          <dt>Last sign-in</dt>
          <dd>{when(health.lastInteractiveAuth)}</dd>
        </div>
        <div>
          <dt>Last refresh</dt>
          <dd>{when(health.lastSilentAuth)}</dd>
        </div>
        <div>
          <dt>Last check</dt>
          <dd>
            {health.lastProbe ? (
              <>
                <StatusBadge tone={probeOutcomeTone(health.lastProbe.outcome)} label={probeOutcomeLabel(health.lastProbe.outcome)} /> {when(health.lastProbe.at)}
                {health.lastProbe.message ? <span className="block muted">{health.lastProbe.message}</span> : null}
                {health.lastProbe.aadsts !== undefined ? <span className="block muted">AADSTS{health.lastProbe.aadsts}</span> : null}
              </>
            ) : (
              <span className="muted">Never</span>
            )}
          </dd>
        </div>
      </dl>
    </Panel>
  );
}
