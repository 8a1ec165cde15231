/**
 * The maths of a windowed list: which rows of a long, fixed-height list are on screen, and where to scroll
 * to show one. Pure, so the geometry is tested without a browser.
 *
 * The scroller's content is a header of `headerHeight` (sticky, covering the top of the viewport) followed by
 * the rows. Browsers cap an element's height (Chromium near 33.5 million px), so when the rows would be taller
 * than `maxRowsHeight` the scroller gets a shorter spacer and scroll positions are stretched over the real
 * height: each scrolled pixel moves the rows `ratio` pixels. Below that size (about 400,000 rows of 36 px)
 * the ratio is exactly 1 and scrolling is ordinary.
 */

/** Comfortably under Chromium's limit for an element's height. */
export const MAX_ROWS_HEIGHT = 15_000_000;

export interface ListGeometry {
  rowCount: number;
  rowHeight: number;
  viewportHeight: number;
  /** Height of the sticky header above the rows, inside the scroller. */
  headerHeight: number;
  maxRowsHeight?: number;
}

export interface WindowRange {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
  /** The height to give the scroller's content (header and spacer). */
  contentHeight: number;
  /** Subtract from `headerHeight + index * rowHeight` to place a row in the scroller's content. */
  shift: number;
}

/** The spacer height and how many real pixels one scrolled pixel is worth. */
export function scrollScale(geometry: ListGeometry): { contentHeight: number; ratio: number } {
  const realRows = geometry.rowCount * geometry.rowHeight;
  const rowsHeight = Math.min(realRows, geometry.maxRowsHeight ?? MAX_ROWS_HEIGHT);
  const contentHeight = geometry.headerHeight + rowsHeight;
  const realMax = geometry.headerHeight + realRows - geometry.viewportHeight;
  const scrolledMax = contentHeight - geometry.viewportHeight;
  const ratio = rowsHeight === realRows || scrolledMax <= 0 ? 1 : realMax / scrolledMax;
  return { contentHeight, ratio };
}

/** The rows to render for a scroll position, with `overscan` extra rows on each side. */
export function visibleRange(geometry: ListGeometry & { scrollTop: number; overscan: number }): WindowRange {
  const { rowCount, rowHeight, viewportHeight, headerHeight, overscan } = geometry;
  const { contentHeight, ratio } = scrollScale(geometry);
  const scrollTop = Math.max(0, geometry.scrollTop);
  const virtualTop = scrollTop * ratio;
  const rowsViewport = Math.max(0, viewportHeight - headerHeight);
  const first = Math.floor(virtualTop / rowHeight);
  const last = Math.ceil((virtualTop + rowsViewport) / rowHeight);
  return {
    start: clamp(first - overscan, 0, rowCount),
    end: clamp(last + overscan, 0, rowCount),
    contentHeight,
    shift: virtualTop - scrollTop,
  };
}

/**
 * The scrollTop that brings row `index` fully into view with the least movement, or null when it already is.
 */
export function scrollTopToReveal(geometry: ListGeometry & { scrollTop: number; index: number }): number | null {
  const { rowHeight, viewportHeight, headerHeight, index } = geometry;
  const { ratio } = scrollScale(geometry);
  const virtualTop = Math.max(0, geometry.scrollTop) * ratio;
  const rowsViewport = Math.max(rowHeight, viewportHeight - headerHeight);
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  let target: number;
  if (rowTop < virtualTop) target = rowTop;
  else if (rowBottom > virtualTop + rowsViewport) target = rowBottom - rowsViewport;
  else return null;
  return Math.max(0, target / ratio);
}

/** The row a keyboard page step lands on: one viewport of rows further, within the list. */
export function pageStep(geometry: ListGeometry & { index: number; direction: 1 | -1 }): number {
  const perPage = Math.max(1, Math.floor((geometry.viewportHeight - geometry.headerHeight) / geometry.rowHeight) - 1);
  return clamp(geometry.index + geometry.direction * perPage, 0, Math.max(0, geometry.rowCount - 1));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
