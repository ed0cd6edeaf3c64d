// Leaflet 1.9's package entry is a UMD file, which neither the test runner's
// native ES modules nor a strict-CSP page can load as-is; its ES module build
// has the same API, so give that path the published types.
declare module 'leaflet/dist/leaflet-src.esm.js' {
  export * from 'leaflet';
}
