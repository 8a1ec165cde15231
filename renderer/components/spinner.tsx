/**
 * A quiet progress indicator; the text next to it (or its label) says what is in progress.
 */
export function Spinner({ label }: { label?: string }) {
  return label ? <span className="spinner" role="img" aria-label={label} /> : <span className="spinner" aria-hidden="true" />;
}
