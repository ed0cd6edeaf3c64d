/** The same deterministic points for both pages: dense in the middle like a city, thin at the edges. */
export function benchPoints(count: number): { lat: number; lng: number; kind: 'asset' | 'activity' | 'transfer' }[] {
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
  const kinds = ['asset', 'activity', 'transfer'] as const;
  const out = [];
  for (let i = 0; i < count; i++) {
    const r = random() ** 2 * 1.2;
    const a = random() * Math.PI * 2;
    out.push({ lat: 52.48 + r * Math.sin(a) * 0.6, lng: -1.9 + r * Math.cos(a), kind: kinds[i % 3]! });
  }
  return out;
}
