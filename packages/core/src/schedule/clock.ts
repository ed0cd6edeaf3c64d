/** Times of day in words, for every part of the kit that shows one. */

/**
 * A time of day as UK public-sector writing puts it (GOV.UK style): `9am`,
 * `5:30pm`, `midday`, `midnight`; in Welsh `9yb`, `5:30yh`, `canol dydd`,
 * `canol nos`.
 */
export function formatClock(minutes: number, lang = 'en'): string {
  const welsh = lang.toLowerCase().startsWith('cy');
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  if (m === 0) return welsh ? 'canol nos' : 'midnight';
  if (m === 720) return welsh ? 'canol dydd' : 'midday';
  const h = Math.floor(m / 60);
  const min = m % 60;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const suffix = h < 12 ? (welsh ? 'yb' : 'am') : welsh ? 'yh' : 'pm';
  return `${h12}${min ? `:${String(min).padStart(2, '0')}` : ''}${suffix}`;
}
