/** @vitest-environment jsdom */
import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFitToBox } from './use-fit-to-box.ts';

/** Resize observers that report when the test says an element changed size, as a frame would. */
class FakeResizeObserver {
  static all: FakeResizeObserver[] = [];
  readonly targets = new Set<Element>();
  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.all.push(this);
  }
  observe(target: Element) {
    this.targets.add(target);
  }
  unobserve(target: Element) {
    this.targets.delete(target);
  }
  disconnect() {
    this.targets.clear();
  }
  static resized(target: Element) {
    for (const observer of FakeResizeObserver.all) {
      if (observer.targets.has(target)) observer.callback([], observer as unknown as ResizeObserver);
    }
  }
}

/**
 * A card 200 px high (no padding) with its band at the top; the band needs `natural` px at full
 * size, less in proportion to `--fit`. jsdom lays nothing out, so the sizes are the test's.
 */
function card(natural: { px: number }) {
  const box = document.createElement('div');
  const band = document.createElement('div');
  box.append(band);
  box.style.paddingBottom = '0px';
  Object.defineProperty(box, 'clientHeight', { get: () => 200 });
  Object.defineProperty(band, 'offsetTop', { get: () => 0 });
  Object.defineProperty(band, 'scrollHeight', { get: () => natural.px * (parseFloat(box.style.getPropertyValue('--fit')) || 1) });
  return { box, band, fit: () => parseFloat(box.style.getPropertyValue('--fit')) };
}

afterEach(() => {
  FakeResizeObserver.all = [];
  vi.unstubAllGlobals();
});

describe('useFitToBox', () => {
  it('shrinks the band to the room its box leaves, and no further than the least size', () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    const tall = card({ px: 400 });
    renderHook(() => useFitToBox({ current: tall.box }, { current: tall.band }));
    expect(tall.fit()).toBeCloseTo(0.6);

    const fitting = card({ px: 150 });
    renderHook(() => useFitToBox({ current: fitting.box }, { current: fitting.band }));
    expect(fitting.fit()).toBe(1);
  });

  it('fits again when the band alone changes size, with no change to its box or its text', () => {
    // Seen in Chromium under reduced motion: a new card's sizes settle a frame after its first
    // layout, and a fit measured before that stayed too small (or too large) until the next reading.
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    const natural = { px: 300 };
    const { box, band, fit } = card(natural);
    renderHook(() => useFitToBox({ current: box }, { current: band }));
    expect(fit()).toBeCloseTo(200 / 300);

    natural.px = 150;
    FakeResizeObserver.resized(band);
    expect(fit()).toBe(1);

    natural.px = 250;
    FakeResizeObserver.resized(band);
    expect(fit()).toBeCloseTo(200 / 250);
  });

  it('fits again when its box changes size', () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    const natural = { px: 150 };
    const { box, band, fit } = card(natural);
    renderHook(() => useFitToBox({ current: box }, { current: band }));
    expect(fit()).toBe(1);
    natural.px = 300;
    FakeResizeObserver.resized(box);
    expect(fit()).toBeCloseTo(200 / 300);
  });
});
