/**
 * The cases of one priority and target in order of their time to reach it (ties by slot), kept
 * as the facts change. A report walks this order once to find every group's median and 90th
 * percentile: no group sorts its own times, so the cost is one pass however many groups.
 *
 * A changed case moves by binary search and one block copy (a few milliseconds at a million
 * cases); a load of many rows marks the order stale and it is rebuilt with one sort when read.
 */
export class TimeOrder {
  private slots = new Int32Array(256);
  private length = 0;
  private stale = false;

  constructor(private readonly valueOf: (slot: number) => number) {}

  /** The slots in order (a view; valid until the next change). */
  ordered(all: () => Iterable<number>): Int32Array {
    if (this.stale) this.rebuild(all);
    return this.slots.subarray(0, this.length);
  }

  markStale(): void {
    this.stale = true;
  }

  /** `slot` had `before` (NaN: not in this order) and now has its current value (read through valueOf). */
  move(slot: number, before: number, inOrder: boolean): void {
    if (this.stale) return;
    if (!Number.isNaN(before)) this.remove(slot, before);
    if (inOrder) this.insert(slot);
  }

  private insert(slot: number): void {
    if (this.length === this.slots.length) {
      const bigger = new Int32Array(this.slots.length * 2);
      bigger.set(this.slots);
      this.slots = bigger;
    }
    const at = this.position(this.valueOf(slot), slot);
    this.slots.copyWithin(at + 1, at, this.length);
    this.slots[at] = slot;
    this.length += 1;
  }

  private remove(slot: number, value: number): void {
    const at = this.position(value, slot);
    if (this.slots[at] !== slot || at >= this.length) {
      // Not where its old value says: the order no longer matches the columns; rebuild when read.
      this.stale = true;
      return;
    }
    this.slots.copyWithin(at, at + 1, this.length);
    this.length -= 1;
  }

  /** First index whose (value, slot) is not before (value, slot). */
  private position(value: number, slot: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const s = this.slots[mid] as number;
      const v = s === slot ? value : this.valueOf(s);
      if (v < value || (v === value && s < slot)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private rebuild(all: () => Iterable<number>): void {
    const slots = Int32Array.from(all());
    const values = new Float64Array(slots.length);
    for (let i = 0; i < slots.length; i++) values[i] = this.valueOf(slots[i] as number);
    // Sort positions by (value, slot) through one index array.
    const index = new Uint32Array(slots.length);
    for (let i = 0; i < index.length; i++) index[i] = i;
    index.sort((a, b) => (values[a] as number) - (values[b] as number) || (slots[a] as number) - (slots[b] as number));
    this.slots = new Int32Array(Math.max(256, Math.ceil(slots.length * 1.2)));
    for (let i = 0; i < index.length; i++) this.slots[i] = slots[index[i] as number] as number;
    this.length = slots.length;
    this.stale = false;
  }
}
