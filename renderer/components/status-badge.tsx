/**
 * A small pill with a coloured dot and a word: the status colours never stand alone.
 */
import type { Tone } from '../format/tone.js';

export function StatusBadge({ tone, label, className }: { tone: Tone; label: string; className?: string }) {
  return (
    <span className={`badge tone-${tone}${className ? ` ${className}` : ''}`}>
      <span className="badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
