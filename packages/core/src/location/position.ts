/** The browser's own position, asked for only when a person presses "Use my location". */
import type { GeoPoint } from '../engine/types.js';
import { isValidLatLng } from './distance.js';

/** Why the browser could not give a position. `code` is stable; `message` is for the console. */
export class GeolocationError extends Error {
  constructor(
    readonly code: 'denied' | 'unavailable' | 'timeout' | 'unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'GeolocationError';
  }
}

export interface PositionOptions {
  /** Milliseconds to wait before giving up. Default 10,000. */
  timeout?: number;
  /** Accept a position this many milliseconds old. Default 5 minutes: a resident has not moved far. */
  maximumAge?: number;
  /** The Geolocation to ask; default `navigator.geolocation`. */
  geolocation?: Geolocation;
}

/**
 * The person's position from the browser, after they agree. Rejects with a
 * `GeolocationError` saying whether they said no, the device could not tell, it
 * took too long, or the browser cannot do it at all. Never asks on its own: call
 * it from a button the person pressed.
 */
export function currentPosition(options: PositionOptions = {}): Promise<GeoPoint> {
  const geolocation = options.geolocation ?? (typeof navigator === 'undefined' ? undefined : navigator.geolocation);
  const timeout = options.timeout ?? 10_000;
  return new Promise((resolve, reject) => {
    if (!geolocation) {
      reject(new GeolocationError('unsupported', 'This browser cannot share a location.'));
      return;
    }
    let settled = false;
    // Some browsers never call back when a permission prompt is dismissed, so
    // keep a timer of our own as well as the API's timeout.
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(new GeolocationError('timeout', `No location within ${timeout} ms.`));
    }, timeout + 500);
    geolocation.getCurrentPosition(
      (position) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const point = { lat: position.coords.latitude, lng: position.coords.longitude };
        if (isValidLatLng(point)) resolve(point);
        else reject(new GeolocationError('unavailable', 'The device gave a location that is not on the map.'));
      },
      (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error.code === 1) reject(new GeolocationError('denied', 'Permission to use your location was refused.'));
        else if (error.code === 3) reject(new GeolocationError('timeout', `No location within ${timeout} ms.`));
        else reject(new GeolocationError('unavailable', error.message || 'Your location is not available.'));
      },
      { timeout, maximumAge: options.maximumAge ?? 300_000, enableHighAccuracy: false },
    );
  });
}
