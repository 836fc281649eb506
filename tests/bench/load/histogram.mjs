// Latencies in 0.05 ms buckets up to 10 s (everything slower lands in the last bucket), so
// workers can count millions of deliveries in fixed memory and the coordinator can merge them.
const STEP = 0.05;
const BUCKETS = 200_001;

export class Histogram {
  constructor() {
    this.buckets = new Uint32Array(BUCKETS);
    this.count = 0;
  }

  add(ms) {
    const i = Math.min(BUCKETS - 1, Math.max(0, Math.round(ms / STEP)));
    this.buckets[i]++;
    this.count++;
  }

  /** The non-empty buckets as [index, count] pairs, small enough to send between processes. */
  toJSON() {
    const pairs = [];
    for (let i = 0; i < BUCKETS; i++) if (this.buckets[i]) pairs.push([i, this.buckets[i]]);
    return pairs;
  }

  merge(pairs) {
    for (const [i, n] of pairs) {
      this.buckets[i] += n;
      this.count += n;
    }
  }

  /** The latency below which `q` (0..1) of the samples fall, in ms; NaN when empty. */
  quantile(q) {
    if (this.count === 0) return NaN;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.buckets[i];
      if (seen >= rank) return i * STEP;
    }
    return (BUCKETS - 1) * STEP;
  }
}
