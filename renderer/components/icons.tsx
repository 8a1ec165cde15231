/**
 * The few line icons the window uses, drawn inline (no icon font, nothing fetched). Decorative: the text
 * beside each says the same.
 */
import type { ReactNode } from 'react';

function Icon({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <svg className={className ? `icon ${className}` : 'icon'} viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export function OverviewIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M3.5 13.5a6.5 6.5 0 1 1 13 0" />
      <path d="M10 13.5l3-4" />
      <circle cx="10" cy="13.5" r="1" />
    </Icon>
  );
}

export function JobsIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <rect x="3" y="3.5" width="14" height="13" rx="2" />
      <path d="M6.5 8h7M6.5 11h7M6.5 14h4" />
    </Icon>
  );
}

export function HistoryIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M3.5 10a6.5 6.5 0 1 0 2-4.7" />
      <path d="M3.5 3.5v3h3" />
      <path d="M10 6.5V10l2.5 1.5" />
    </Icon>
  );
}

export function SettingsIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <circle cx="10" cy="10" r="2.5" />
      <path d="M10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4" />
    </Icon>
  );
}

export function CheckIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M4.5 10.5l3.5 3.5 7.5-8" />
    </Icon>
  );
}

export function WarningIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M10 3l7.5 13.5h-15z" />
      <path d="M10 8.5v3.5M10 14.2v.1" />
    </Icon>
  );
}

export function ErrorIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <circle cx="10" cy="10" r="7" />
      <path d="M10 6.5v4.5M10 13.5v.1" />
    </Icon>
  );
}

export function CloseIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M5.5 5.5l9 9M14.5 5.5l-9 9" />
    </Icon>
  );
}

export function PlayIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M6.5 4.5l9 5.5-9 5.5z" />
    </Icon>
  );
}

export function CopyIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <rect x="7" y="7" width="9.5" height="9.5" rx="1.5" />
      <path d="M13 4.5V4a1 1 0 0 0-1-1H4.5a1 1 0 0 0-1 1v7.5a1 1 0 0 0 1 1H5" />
    </Icon>
  );
}

export function KeyIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <circle cx="7" cy="12.5" r="3.5" />
      <path d="M9.5 10l6.5-6.5M13.5 6l2 2" />
    </Icon>
  );
}
