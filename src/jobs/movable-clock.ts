import type { Clock } from '../app/ports.js';

/**
 * A clock that local runs and tests can move forward, to see a reminder or a meeting day without
 * waiting for it. Production uses the system clock: nothing there can move time.
 */
export class MovableClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: () => Date = () => new Date()) {}

  now(): Date {
    return new Date(this.base().getTime() + this.offsetMs);
  }

  moveForward(ms: number): void {
    this.offsetMs += ms;
  }
}
