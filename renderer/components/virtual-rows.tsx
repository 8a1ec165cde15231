/**
 * A scroller that renders only the rows on screen (plus a few), so a list of 100,000 rows costs what a list
 * of 30 does. Rows have one fixed height; the header stays on top while the rows scroll under it.
 *
 * Row positions are computed (virtual/window-range.ts) and applied as CSSOM styles (React's `style`), which a
 * `style-src 'self'` Content-Security-Policy allows: it blocks style attributes in markup, not styles set
 * from script.
 */
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type CSSProperties, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import { scrollTopToReveal, visibleRange, type ListGeometry } from '../virtual/window-range.js';

export interface VirtualRowsHandle {
  /** Scrolls as little as needed to show row `index` whole. */
  reveal(index: number): void;
  /** The geometry of the list as it is now (for page-wise keyboard moves). */
  geometry(): ListGeometry;
}

interface VirtualRowsProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  rowCount: number;
  rowHeight: number;
  headerHeight: number;
  header: ReactNode;
  overscan?: number;
  renderRow: (index: number, style: CSSProperties) => ReactNode;
  /** Told which rows are rendered, e.g. to load them. */
  onRangeChange?: (start: number, end: number) => void;
  ref?: Ref<VirtualRowsHandle>;
}

export function VirtualRows({ rowCount, rowHeight, headerHeight, header, overscan = 8, renderRow, onRangeChange, className, ref, ...rest }: VirtualRowsProps) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);

  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return undefined;
    setViewportHeight(scroller.clientHeight);
    const observer = new ResizeObserver(() => setViewportHeight(scroller.clientHeight));
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);

  const geometry: ListGeometry = { rowCount, rowHeight, viewportHeight, headerHeight };
  const range = visibleRange({ ...geometry, scrollTop, overscan });

  useImperativeHandle(ref, () => ({
    reveal(index: number) {
      const scroller = scrollerRef.current;
      if (!scroller) return;
      const target = scrollTopToReveal({ rowCount, rowHeight, headerHeight, viewportHeight: scroller.clientHeight, scrollTop: scroller.scrollTop, index });
      if (target !== null) {
        scroller.scrollTop = target;
        setScrollTop(scroller.scrollTop);
      }
    },
    geometry: () => ({ rowCount, rowHeight, headerHeight, viewportHeight: scrollerRef.current?.clientHeight ?? viewportHeight }),
  }));

  const onRangeChangeRef = useRef(onRangeChange);
  useEffect(() => {
    onRangeChangeRef.current = onRangeChange;
  });
  useEffect(() => {
    onRangeChangeRef.current?.(range.start, range.end);
  }, [range.start, range.end]);

  // When the list shrinks (a new filter) the old scroll position may point past its end.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (scroller && scroller.scrollTop !== scrollTop) setScrollTop(scroller.scrollTop);
  }, [rowCount, scrollTop]);

  const rows: ReactNode[] = [];
  for (let index = range.start; index < range.end; index += 1) {
    rows.push(renderRow(index, { transform: `translateY(${headerHeight + index * rowHeight - range.shift}px)`, height: rowHeight }));
  }

  return (
    <div ref={scrollerRef} className={`virtual-scroller${className ? ` ${className}` : ''}`} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)} {...rest}>
      <div className="virtual-content" role="presentation" style={{ height: range.contentHeight }}>
        <div className="virtual-header" role="rowgroup">
          {header}
        </div>
        <div className="virtual-body" role="rowgroup">
          {rows}
        </div>
      </div>
    </div>
  );
}
