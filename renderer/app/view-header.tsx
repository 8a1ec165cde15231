/**
 * The top of a view: its title (focused when the view opens, for screen readers) and its controls.
 */
import { useEffect, useRef, type ReactNode } from 'react';

interface ViewHeaderProps {
  title: string;
  subtitle?: ReactNode;
  children?: ReactNode;
  /** Move focus to the title, when the person navigated here. */
  focusOnMount?: boolean;
}

export function ViewHeader({ title, subtitle, children, focusOnMount }: ViewHeaderProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [focusOnMount]);
  return (
    <header className="view-header">
      <div className="view-heading">
        <h1 ref={headingRef} tabIndex={-1} className="view-title">
          {title}
        </h1>
        {subtitle ? <div className="view-subtitle">{subtitle}</div> : null}
      </div>
      {children ? <div className="view-actions">{children}</div> : null}
    </header>
  );
}
