/**
 * A plain feed whose body is still arriving, read so far: its text up to the
 * end of the last listing that has all arrived, closed (`]}`), so that it
 * parses as a feed of the listings so far. The worker works out a first screen
 * from it while the rest comes over a slow link (loadFinder's `soFar`); each
 * listing in it goes through the same check as ever before anything is shown.
 */

const LISTINGS = [...'listings'].map((c) => c.charCodeAt(0));
const CLOSE = new Uint8Array([0x5d, 0x7d]); // ]}

/**
 * `views`, the body's first pieces in order, cut after the last whole element
 * of the top-level `listings` array and closed; undefined when no listing has
 * all arrived, when the array has (the body is as good as whole), or when the
 * bytes do not start like a feed (an object). Members after `listings` are not
 * in it; members before it are. `most`: cut after that many listings at the most.
 */
export function feedSoFar(views: readonly Uint8Array[], most = Infinity): { bytes: Uint8Array; listings: number } | undefined {
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** While in a string at the top object's level: how much of it matched `listings` (-1: no match). */
  let matched = -1;
  let keyIsListings = false;
  let inListings = false;
  let started = false;
  /** Where the last whole listing ended (the offset after it), and how many had. */
  let end = 0;
  let listings = 0;
  let at = 0;
  scan: for (const view of views) {
    for (let i = 0; i < view.length; i++) {
      const b = view[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === 0x5c) escaped = true;
        else if (b === 0x22) {
          inString = false;
          if (depth === 1) keyIsListings = matched === LISTINGS.length;
        } else if (matched >= 0) matched = matched < LISTINGS.length && b === LISTINGS[matched] ? matched + 1 : -1;
        continue;
      }
      if (!started) {
        // A byte-order mark or white space may come first; anything but an object is not a feed's start.
        if (b === 0x7b) {
          started = true;
          depth = 1;
          continue;
        }
        if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf) continue;
        return undefined;
      }
      if (b === 0x22) {
        inString = true;
        matched = depth === 1 ? 0 : -1;
      } else if (b === 0x7b || b === 0x5b) {
        if (depth === 1 && b === 0x5b && keyIsListings) inListings = true;
        depth++;
      } else if (b === 0x7d || b === 0x5d) {
        depth--;
        if (inListings && depth === 2) {
          end = at + i + 1;
          if (++listings >= most) break scan;
        } else if (inListings && depth === 1) return undefined;
      } else if (depth === 1 && b === 0x2c) keyIsListings = false;
    }
    at += view.length;
  }
  if (!listings) return undefined;
  const bytes = new Uint8Array(end + CLOSE.length);
  let put = 0;
  for (const view of views) {
    if (put >= end) break;
    const take = view.subarray(0, Math.min(view.length, end - put));
    bytes.set(take, put);
    put += take.length;
  }
  bytes.set(CLOSE, end);
  return { bytes, listings };
}
