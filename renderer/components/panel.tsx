/**
 * A titled group of settings or facts, like a section of a system settings window.
 */
import { useId, type ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Controls shown at the right of the title. */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

export function Panel({ title, actions, children, className }: PanelProps) {
  const id = useId();
  return (
    <section className={`panel${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <div className="panel-heading">
        <h2 id={id} className="panel-title">
          {title}
        </h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
