/**
 * The left column: the four views, and at the bottom the profile's health in the tray's colour.
 */
import type { AppState, View } from '../../shared/ipc/ipc-models.js';
import { HistoryIcon, JobsIcon, OverviewIcon, SettingsIcon } from '../components/icons.js';
import { describeDaysLeft } from '../format/countdown.js';
import { healthTitle, healthTone } from '../format/health-status.js';
import { VIEWS } from './navigation.js';

const ICONS = { overview: OverviewIcon, jobs: JobsIcon, history: HistoryIcon, settings: SettingsIcon } as const;

interface SidebarProps {
  view: View;
  onNavigate: (view: View) => void;
  state: AppState | null;
}

export function Sidebar({ view, onNavigate, state }: SidebarProps) {
  const health = state?.health;
  const days = health ? describeDaysLeft(health.daysRemaining) : null;
  return (
    <nav className="sidebar" aria-label="Delegate">
      <div className="sidebar-brand">
        <span className="brand-mark" aria-hidden="true">
          D
        </span>
        <span className="brand-name">Delegate</span>
      </div>
      <ul className="sidebar-list">
        {VIEWS.map(({ view: target, label }) => {
          const IconFor = ICONS[target];
          return (
            <li key={target}>
              <button type="button" className="sidebar-item" aria-current={view === target ? 'page' : undefined} onClick={() => onNavigate(target)}>
                <IconFor />
                <span>{label}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {health ? (
        <div className="sidebar-status" role="status">
          <span className={`status-dot tone-${healthTone(health.status)}`} aria-hidden="true" />
          <span className="sidebar-status-text">
            <span className="sidebar-status-title">{healthTitle(health.status)}</span>
            <span className="sidebar-status-detail">
              {state.profile}
              {days && health.status !== 'expired' && health.status !== 'blocked' ? ` · ${days}` : ''}
            </span>
            {state.paused ? <span className="sidebar-status-detail">Schedule paused</span> : null}
          </span>
        </div>
      ) : null}
    </nav>
  );
}
