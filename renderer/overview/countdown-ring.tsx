/**
 * The refresh token's countdown as a ring: full at sign-in, empty when the token dies unused.
 */
import type { Tone } from '../format/tone.js';
import { ringFraction } from '../format/countdown.js';

const SIZE = 132;
const STROKE = 10;
const RADIUS = (SIZE - STROKE) / 2;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

interface CountdownRingProps {
  daysRemaining: number | null;
  lifetimeDays: number;
  tone: Tone;
}

export function CountdownRing({ daysRemaining, lifetimeDays, tone }: CountdownRingProps) {
  const fraction = ringFraction(daysRemaining, lifetimeDays);
  const label = daysRemaining === null ? 'No countdown: not signed in' : `${Math.max(0, daysRemaining)} of ${lifetimeDays} days left`;
  return (
    <div className={`ring tone-${tone}`} role="img" aria-label={label}>
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE} aria-hidden="true" focusable="false">
        <circle className="ring-track" cx={SIZE / 2} cy={SIZE / 2} r={RADIUS} strokeWidth={STROKE} fill="none" />
        {fraction > 0 ? (
          <circle
            className="ring-value"
            cx={SIZE / 2}
            cy={SIZE / 2}
            r={RADIUS}
            strokeWidth={STROKE}
            fill="none"
            strokeLinecap="round"
            strokeDasharray={CIRCUMFERENCE}
            strokeDashoffset={CIRCUMFERENCE * (1 - fraction)}
            transform={`rotate(-90 ${SIZE / 2} ${SIZE / 2})`}
          />
        ) : null}
      </svg>
      <div className="ring-center" aria-hidden="true">
        <span className="ring-number">{daysRemaining === null ? '—' : Math.max(0, daysRemaining)}</span>
        <span className="ring-unit">{daysRemaining === null ? 'not signed in' : daysRemaining === 1 ? 'day left' : 'days left'}</span>
      </div>
    </div>
  );
}
