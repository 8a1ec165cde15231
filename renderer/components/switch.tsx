/**
 * An on/off switch: a real button with role="switch", so keyboards and screen readers treat it as one.
 */
import { useId } from 'react';

interface SwitchProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The visible label; also the switch's accessible name. */
  label: string;
  /** Hide the label visually (it stays the accessible name), for a switch whose row already says it. */
  hideLabel?: boolean;
  description?: string;
  /** The id of an explanation shown elsewhere (e.g. why the switch is disabled), read with the switch. */
  describedBy?: string;
  /** A fuller accessible name than the visible label, e.g. "Daily report enabled" beside a visible "Enabled". */
  accessibleName?: string;
  disabled?: boolean;
  /** A change is on its way: clicks are ignored, but the switch keeps the keyboard focus (unlike `disabled`). */
  busy?: boolean;
}

export function Switch({ checked, onChange, label, hideLabel, description, describedBy, accessibleName, disabled, busy }: SwitchProps) {
  const id = useId();
  const describedByIds = [description ? `${id}-description` : null, describedBy ?? null].filter(Boolean).join(' ');
  return (
    <div className={`switch-field${disabled || busy ? ' is-disabled' : ''}`}>
      <span className={hideLabel ? 'visually-hidden' : 'switch-text'}>
        <span id={`${id}-label`} className="switch-label">
          {label}
        </span>
        {description ? (
          <span id={`${id}-description`} className="switch-description">
            {description}
          </span>
        ) : null}
      </span>
      <button
        type="button"
        role="switch"
        className="switch"
        aria-checked={checked}
        aria-labelledby={accessibleName ? undefined : `${id}-label`}
        aria-label={accessibleName}
        aria-describedby={describedByIds || undefined}
        aria-busy={busy || undefined}
        aria-disabled={busy || undefined}
        disabled={disabled}
        onClick={() => {
          if (!busy) onChange(!checked);
        }}
      >
        <span className="switch-thumb" aria-hidden="true" />
      </button>
    </div>
  );
}
