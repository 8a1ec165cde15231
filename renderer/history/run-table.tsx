/**
 * The history as a keyboard-navigable grid of runs, windowed: only the rows on screen exist in the page.
 *
 * The grid keeps focus itself and points at the selected row with aria-activedescendant; the arrow keys,
 * Page Up/Down, Home and End move the selection, which the details panel follows.
 */
import { useEffect, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { StatusBadge } from '../components/status-badge.js';
import { VirtualRows, type VirtualRowsHandle } from '../components/virtual-rows.js';
import { formatFull, formatWhen } from '../format/dates.js';
import { formatDuration, runDurationMs } from '../format/duration.js';
import { runStatusLabel, runStatusTone, runTriggerLabel } from '../format/run-status.js';
import { pageStep } from '../virtual/window-range.js';
import type { PagerSnapshot } from './run-pager.js';
import { indexForId, type RunRow } from './run-rows.js';

export const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 34;

interface RunTableProps {
  snapshot: PagerSnapshot;
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Asks for the rows up to this index to be loaded. */
  onNeedRows: (index: number) => void;
  jobNames: ReadonlyMap<string, string>;
  now: Date;
  /** Bumped when the selection came from outside, to scroll it into view. */
  revealSerial: number;
}

export function rowElementId(id: number): string {
  return `run-row-${id}`;
}

export function RunTable({ snapshot, selectedId, onSelect, onNeedRows, jobNames, now, revealSerial }: RunTableProps) {
  const listRef = useRef<VirtualRowsHandle>(null);
  // A keyboard move to a row not loaded yet: selected as soon as its page arrives.
  const pendingIndex = useRef<number | null>(null);
  const { rows, total } = snapshot;
  const rowCount = Math.max(total, rows.length);
  const selected = selectedId === null ? null : indexForId(rows, selectedId);
  const selectedIndex = selected?.found ? selected.index : -1;

  useEffect(() => {
    const index = pendingIndex.current;
    if (index === null) return;
    const row = rows[index];
    if (row) {
      pendingIndex.current = null;
      onSelect(row.id);
    }
  }, [rows, onSelect]);

  useEffect(() => {
    if (selectedIndex >= 0) listRef.current?.reveal(selectedIndex);
    // Only when asked from outside: the keyboard path reveals by itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealSerial, selectedIndex >= 0]);

  const moveTo = (index: number) => {
    if (rowCount === 0) return;
    const target = Math.min(rowCount - 1, Math.max(0, index));
    listRef.current?.reveal(target);
    const row = rows[target];
    if (row) {
      pendingIndex.current = null;
      onSelect(row.id);
    } else {
      pendingIndex.current = target;
      onNeedRows(target);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const from = pendingIndex.current ?? selectedIndex;
    const geometry = listRef.current?.geometry();
    let target: number;
    switch (event.key) {
      case 'ArrowDown':
        target = from < 0 ? 0 : from + 1;
        break;
      case 'ArrowUp':
        target = from < 0 ? 0 : from - 1;
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = rowCount - 1;
        break;
      case 'PageDown':
        target = geometry ? pageStep({ ...geometry, index: Math.max(0, from), direction: 1 }) : from + 10;
        break;
      case 'PageUp':
        target = geometry ? pageStep({ ...geometry, index: Math.max(0, from), direction: -1 }) : from - 10;
        break;
      default:
        return;
    }
    event.preventDefault();
    moveTo(target);
  };

  const header = (
    <div className="run-row run-header" role="row" aria-rowindex={1}>
      <span role="columnheader" className="cell cell-status">
        Status
      </span>
      <span role="columnheader" className="cell cell-job">
        Job
      </span>
      <span role="columnheader" className="cell cell-trigger">
        Trigger
      </span>
      <span role="columnheader" className="cell cell-started">
        Started
      </span>
      <span role="columnheader" className="cell cell-duration">
        Duration
      </span>
      <span role="columnheader" className="cell cell-summary">
        Summary
      </span>
    </div>
  );

  return (
    <VirtualRows
      ref={listRef}
      className="run-table"
      role="grid"
      aria-label="Runs, newest first"
      aria-rowcount={rowCount + 1}
      aria-colcount={6}
      aria-activedescendant={selectedIndex >= 0 ? rowElementId(rows[selectedIndex]?.id ?? 0) : undefined}
      aria-busy={snapshot.loading || undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      rowCount={rowCount}
      rowHeight={ROW_HEIGHT}
      headerHeight={HEADER_HEIGHT}
      header={header}
      onRangeChange={(_start, end) => onNeedRows(end)}
      renderRow={(index, style) => {
        const row = rows[index];
        if (!row) {
          return (
            <div key={`pending-${index}`} className="run-row is-pending" role="row" aria-rowindex={index + 2} style={style}>
              <span role="gridcell" className="cell cell-pending">
                <span className="skeleton" />
                <span className="visually-hidden">Loading…</span>
              </span>
            </div>
          );
        }
        return <RunTableRow key={row.id} row={row} index={index} style={style} selected={index === selectedIndex} jobName={jobNames.get(row.jobId)} now={now} onSelect={onSelect} />;
      }}
    />
  );
}

interface RunTableRowProps {
  row: RunRow;
  index: number;
  style: CSSProperties;
  selected: boolean;
  jobName: string | undefined;
  now: Date;
  onSelect: (id: number) => void;
}

function RunTableRow({ row, index, style, selected, jobName, now, onSelect }: RunTableRowProps) {
  const duration = runDurationMs(row, now.getTime());
  return (
    <div
      id={rowElementId(row.id)}
      className={`run-row${selected ? ' is-selected' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      style={style}
      onClick={() => onSelect(row.id)}
    >
      <span role="gridcell" className="cell cell-status">
        <StatusBadge tone={runStatusTone(row.status)} label={runStatusLabel(row.status)} />
      </span>
      <span role="gridcell" className={`cell cell-job${row.errorMessage ?? row.summary ? ' has-summary' : ''}`} title={jobName ? `${jobName} (${row.jobId})` : undefined}>
        <span className="cell-line">{jobName ?? row.jobId}</span>
        {jobName ? <span className="cell-line cell-secondary cell-job-id mono">{row.jobId}</span> : null}
        {/* Where the summary column has no room, the summary takes the second line (the id is in the title and the details). */}
        {row.errorMessage ?? row.summary ? <span className="cell-line cell-secondary cell-summary-inline">{row.errorMessage ?? row.summary}</span> : null}
      </span>
      <span role="gridcell" className="cell cell-trigger">
        {runTriggerLabel(row.trigger)}
      </span>
      <span role="gridcell" className="cell cell-started" title={formatFull(row.startedAt)}>
        {formatWhen(row.startedAt, now)}
      </span>
      <span role="gridcell" className="cell cell-duration">
        {duration === null ? '—' : formatDuration(duration)}
      </span>
      <span role="gridcell" className="cell cell-summary" title={row.errorMessage ?? row.summary ?? undefined}>
        {row.errorMessage ?? row.summary ?? ''}
      </span>
    </div>
  );
}
