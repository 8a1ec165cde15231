import { describe, expect, it } from 'vitest';
import { describeCodeTimeLeft, describeDaysLeft, formatCodeTimeLeft, ringFraction } from '../../renderer/format/countdown.js';

describe('the device code countdown', () => {
  it('shows minutes and seconds with two-digit seconds', () => {
    expect(formatCodeTimeLeft(15 * 60_000)).toBe('15:00');
    expect(formatCodeTimeLeft(14 * 60_000 + 5_000)).toBe('14:05');
    expect(formatCodeTimeLeft(59_000)).toBe('0:59');
  });

  it('drops part seconds, but reaches 0:00 only when the time is really over', () => {
    expect(formatCodeTimeLeft(900_400)).toBe('15:00');
    expect(formatCodeTimeLeft(1_900)).toBe('0:01');
    expect(formatCodeTimeLeft(100)).toBe('0:01');
    expect(formatCodeTimeLeft(0)).toBe('0:00');
  });

  it('never shows a negative time', () => {
    expect(formatCodeTimeLeft(-5_000)).toBe('0:00');
  });

  it('tells a screen reader the minutes, changing only once a minute', () => {
    expect(describeCodeTimeLeft(14 * 60_000 + 59_000)).toBe('About 15 minutes left on the code.');
    expect(describeCodeTimeLeft(14 * 60_000 + 1_000)).toBe('About 15 minutes left on the code.');
    expect(describeCodeTimeLeft(14 * 60_000)).toBe('About 14 minutes left on the code.');
  });

  it('warns in the last minute and says when the code has expired', () => {
    expect(describeCodeTimeLeft(50_000)).toBe('Less than a minute left on the code.');
    expect(describeCodeTimeLeft(20_000)).toBe('Less than 30 seconds left on the code.');
    expect(describeCodeTimeLeft(0)).toBe('The code has expired.');
  });
});

describe('the refresh token countdown', () => {
  it('says the days left in words', () => {
    expect(describeDaysLeft(63)).toBe('63 days left');
    expect(describeDaysLeft(1)).toBe('1 day left');
    expect(describeDaysLeft(0)).toBe('Less than a day left');
    expect(describeDaysLeft(null)).toBeNull();
  });

  it('fills the ring by the share of the lifetime left, within 0 and 1', () => {
    expect(ringFraction(45, 90)).toBe(0.5);
    expect(ringFraction(120, 90)).toBe(1);
    expect(ringFraction(-3, 90)).toBe(0);
    expect(ringFraction(null, 90)).toBe(0);
    expect(ringFraction(10, 0)).toBe(0);
  });
});
