import { describe, expect, it } from 'vitest';
import { clampDockHeight, dockHeightForKey, DEFAULT_DOCK_HEIGHT, maxDockHeight, MIN_DOCK_HEIGHT } from './dock-size';

describe('dock height', () => {
  it('stays between the minimum and what leaves the canvas its room', () => {
    expect(maxDockHeight(900)).toBe(552);
    expect(clampDockHeight(50, 900)).toBe(MIN_DOCK_HEIGHT);
    expect(clampDockHeight(2000, 900)).toBe(552);
    expect(clampDockHeight(333.6, 900)).toBe(334);
    expect(clampDockHeight(Number.NaN, 900)).toBe(DEFAULT_DOCK_HEIGHT);
    // A window too short for both: the dock keeps its minimum.
    expect(maxDockHeight(300)).toBe(MIN_DOCK_HEIGHT);
    expect(clampDockHeight(Number.NaN, 300)).toBe(MIN_DOCK_HEIGHT);
  });
  it('keys: arrows move by 24 px (Shift: 120), Home and End go to the limits, others are not handled', () => {
    expect(dockHeightForKey('ArrowUp', false, 260, 900)).toBe(284);
    expect(dockHeightForKey('ArrowDown', true, 260, 900)).toBe(MIN_DOCK_HEIGHT);
    expect(dockHeightForKey('ArrowUp', true, 500, 900)).toBe(552);
    expect(dockHeightForKey('Home', false, 400, 900)).toBe(MIN_DOCK_HEIGHT);
    expect(dockHeightForKey('End', false, 200, 900)).toBe(552);
    expect(dockHeightForKey('Enter', false, 200, 900)).toBeNull();
  });
});
