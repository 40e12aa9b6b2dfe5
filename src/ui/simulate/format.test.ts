import { describe, expect, it } from 'vitest';
import { formatClock, formatCount, formatDelay } from './format';

describe('simulated time formats', () => {
  it('writes the clock in seconds below a minute, then minutes and hours', () => {
    expect(formatClock(0)).toBe('0.000 s');
    expect(formatClock(12.3456)).toBe('12.346 s');
    expect(formatClock(65)).toBe('1 min 05.0 s');
    expect(formatClock(18005.5)).toBe('5 h 00 min 05.5 s');
  });
  it('writes delays in the unit a person would say', () => {
    expect(formatDelay(0.25)).toBe('250 ms');
    expect(formatDelay(4)).toBe('4 s');
    expect(formatDelay(300)).toBe('5 min');
    expect(formatDelay(18000)).toBe('5 h');
  });
  it('writes counts with thousands separators exactly as toLocaleString("en") does', () => {
    for (const n of [0, 7, 999, 1000, 12345, 999999, 1000000, 398695, -1234567, Number.MAX_SAFE_INTEGER]) expect(formatCount(n)).toBe(n.toLocaleString('en'));
  });
});
