// Argument checks shared by the stats functions, so bad inputs fail loudly instead of yielding NaN.

/** Throws a RangeError unless `value` is an integer of at least `min`. */
export function assertCount(name: string, value: number, min = 0): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

/** Throws a RangeError unless `value` lies strictly between 0 and 1. */
export function assertOpenUnit(name: string, value: number): void {
  if (!(value > 0 && value < 1)) {
    throw new RangeError(`${name} must be strictly between 0 and 1, got ${value}`);
  }
}

/** Throws a RangeError unless `value` lies in the closed interval [0, 1]. */
export function assertClosedUnit(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) {
    throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
  }
}
