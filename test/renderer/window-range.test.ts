import { describe, expect, it } from 'vitest';
import { MAX_ROWS_HEIGHT, pageStep, scrollScale, scrollTopToReveal, visibleRange } from '../../renderer/virtual/window-range.js';

const list = { rowHeight: 40, viewportHeight: 440, headerHeight: 40 };

describe('which rows a windowed list renders', () => {
  it('renders only the rows in view plus the overscan, at the top', () => {
    const range = visibleRange({ ...list, rowCount: 100_000, scrollTop: 0, overscan: 5 });
    // 400 px of rows under the header: rows 0–9, and 5 more below.
    expect(range).toMatchObject({ start: 0, end: 15, shift: 0 });
    expect(range.contentHeight).toBe(40 + 100_000 * 40);
  });

  it('follows the scroll position with overscan on both sides', () => {
    const range = visibleRange({ ...list, rowCount: 100_000, scrollTop: 40 * 5_000 + 15, overscan: 5 });
    expect(range.start).toBe(4_995);
    expect(range.end).toBe(5_016);
  });

  it('stops at the end of the list', () => {
    const range = visibleRange({ ...list, rowCount: 100, scrollTop: 40 * 100 + 40 - 440, overscan: 5 });
    expect(range.end).toBe(100);
    expect(range.start).toBe(100 - 10 - 5);
  });

  it('renders nothing for an empty list and never starts before row 0', () => {
    expect(visibleRange({ ...list, rowCount: 0, scrollTop: 0, overscan: 5 })).toMatchObject({ start: 0, end: 0 });
    expect(visibleRange({ ...list, rowCount: 50, scrollTop: -30, overscan: 5 }).start).toBe(0);
  });

  it('keeps a list taller than the browser allows within the limit and still reaches its last row', () => {
    const rowCount = 1_000_000;
    const geometry = { ...list, rowCount, maxRowsHeight: MAX_ROWS_HEIGHT };
    const { contentHeight, ratio } = scrollScale(geometry);
    expect(contentHeight).toBe(40 + MAX_ROWS_HEIGHT);
    expect(ratio).toBeGreaterThan(2);
    const bottom = visibleRange({ ...geometry, scrollTop: contentHeight - 440, overscan: 0 });
    expect(bottom.end).toBe(rowCount);
    // The last row sits exactly at the bottom of the viewport.
    const lastRowTop = 40 + (rowCount - 1) * 40 - bottom.shift;
    expect(lastRowTop + 40 - (contentHeight - 440)).toBeCloseTo(440, 3);
  });
});

describe('scrolling a row into view', () => {
  it('does not move when the row is already whole on screen', () => {
    expect(scrollTopToReveal({ ...list, rowCount: 1_000, scrollTop: 400, index: 12 })).toBeNull();
  });

  it('scrolls up just enough to put a row above the view under the header', () => {
    expect(scrollTopToReveal({ ...list, rowCount: 1_000, scrollTop: 400, index: 3 })).toBe(120);
  });

  it('scrolls down just enough to put a row below the view at its bottom', () => {
    // Rows area 400 px: showing row 30 (1200–1240) needs the rows' top at 840.
    expect(scrollTopToReveal({ ...list, rowCount: 1_000, scrollTop: 0, index: 30 })).toBe(840);
  });

  it('maps the target back through the stretch of a very long list', () => {
    const geometry = { ...list, rowCount: 1_000_000, maxRowsHeight: MAX_ROWS_HEIGHT };
    const target = scrollTopToReveal({ ...geometry, scrollTop: 0, index: 900_000 });
    expect(target).not.toBeNull();
    const range = visibleRange({ ...geometry, scrollTop: target ?? 0, overscan: 0 });
    expect(range.start).toBeLessThanOrEqual(900_000);
    expect(range.end).toBeGreaterThan(900_000);
  });
});

describe('page-wise keyboard moves', () => {
  it('moves by a viewport of rows less one, within the list', () => {
    expect(pageStep({ ...list, rowCount: 1_000, index: 0, direction: 1 })).toBe(9);
    expect(pageStep({ ...list, rowCount: 1_000, index: 5, direction: -1 })).toBe(0);
    expect(pageStep({ ...list, rowCount: 20, index: 15, direction: 1 })).toBe(19);
  });
});
