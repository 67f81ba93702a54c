// Seeded pseudo-random numbers for the demo generator. Math.random() is never used: the seed, the simulator
// and the tests must all see the same events for the same seed, and re-seeding must dedup by event_id.

export type SeedPart = string | number;

// cyrb53: a fast 53-bit string hash with good avalanche; two 32-bit halves seed the generator.
function hashParts(parts: readonly SeedPart[]): [number, number] {
  const text = parts.map(String).join("\u241f");
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** A stable 32-bit hash of the parts (same input → same number on every platform). */
export function hashSeed(...parts: SeedPart[]): number {
  return hashParts(parts)[0];
}

/** A cumulative-weight table, built once and sampled many times (the generator's hot path). */
export class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.values = [];
    this.cumulative = [];
    let total = 0;
    for (const [value, weight] of entries) {
      if (!(weight >= 0) || !Number.isFinite(weight)) throw new Error(`bad weight ${weight}`);
      if (weight === 0) continue;
      total += weight;
      this.values.push(value);
      this.cumulative.push(total);
    }
    if (this.values.length === 0) throw new Error("a weighted table needs a positive weight");
    this.total = total;
  }

  static fromRecord<K extends string>(weights: Readonly<Record<K, number>>): WeightedTable<K> {
    return new WeightedTable(Object.entries(weights) as Array<[K, number]>);
  }

  sample(rng: Random): T {
    const x = rng.next() * this.total;
    // Tables are short (≤ 10 entries): a linear scan beats a binary search here.
    for (let i = 0; i < this.cumulative.length; i++) {
      if (x < (this.cumulative[i] as number)) return this.values[i] as T;
    }
    return this.values[this.values.length - 1] as T;
  }
}

/** sfc32 (Small Fast Counting, PractRand-clean), seeded from a hash of arbitrary parts. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(...seedParts: SeedPart[]) {
    const [h1, h2] = hashParts(seedParts);
    this.a = h1;
    this.b = h2;
    this.c = h1 ^ 0x9e3779b9;
    this.d = 1;
    // The first outputs of sfc32 are correlated with the seed; discard them.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  uniform(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Box–Muller; the second value of each pair is kept for the next call. */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    let u = this.next();
    while (u === 0) u = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * this.next();
    this.spareNormal = r * Math.sin(theta);
    return mean + sd * r * Math.cos(theta);
  }

  /** Lognormal parameterised by its median (= e^μ) and σ of the underlying normal: readable for latencies. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson by Knuth's product method: fine for the small means (< 30) of per-minute traffic. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One-off weighted pick; for repeated sampling build a WeightedTable once. */
  pickWeighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    return WeightedTable.fromRecord(weights).sample(this);
  }
}

export function createRandom(...seedParts: SeedPart[]): Random {
  return new Random(...seedParts);
}
