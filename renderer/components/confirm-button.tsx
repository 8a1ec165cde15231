/**
 * A button for something hard to undo: the first press asks, the second does it, Escape or "Keep" backs out.
 */
import { useEffect, useRef, useState } from 'react';

interface ConfirmButtonProps {
  label: string;
  confirmLabel: string;
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
  /**
   * Why the button cannot be used (shown as its tooltip). The button then stays focusable (aria-disabled) so a
   * keyboard or screen reader user meets the reason too; `reasonId` names the visible text that says it.
   */
  disabledReason?: string;
  reasonId?: string;
}

export function ConfirmButton({ label, confirmLabel, question, onConfirm, disabled, disabledReason, reasonId }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) triggerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    if (disabledReason) {
      return (
        <button ref={triggerRef} type="button" className="button button-quiet" aria-disabled="true" title={disabledReason} aria-describedby={reasonId}>
          {label}
        </button>
      );
    }
    return (
      <button ref={triggerRef} type="button" className="button button-quiet" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span
      className="confirm"
      role="group"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          setAsking(false);
        }
      }}
    >
      <span className="confirm-question">{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className="button button-danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button" onClick={() => setAsking(false)}>
        Keep
      </button>
    </span>
  );
}
