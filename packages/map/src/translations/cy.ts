import type { MapStrings } from './types.js';

// Welsh nouns after a numeral stay singular ("12 rhestriad"), so one form serves
// every count; wording to be checked by a Welsh-language officer before release.
export const cy: MapStrings = {
  region: "Map o'r canlyniadau",
  mapInstructions: "Defnyddiwch y bysellau saeth i symud y map a'r bysellau plws a minws i chwyddo. Mae Tab yn symud drwy'r marcwyr.",
  skipMap: "Neidio heibio'r map",
  zoomIn: 'Chwyddo i mewn',
  zoomOut: 'Chwyddo allan',
  searchArea: "Chwilio'r ardal hon",
  showAll: 'Dangos pob canlyniad',
  legend: 'Allwedd',
  kinds: { asset: 'ased', activity: 'gweithgaredd', transfer: 'trosglwyddo ased' },
  approximateArea: 'ardal fras',
  close: 'Cau',
  markerName: (name, kind, approximate) => `${name}, ${kind}${approximate ? ', ardal fras' : ''}`,
  clusterName: (n) => `Clwstwr o ${n} rhestriad`,
  siteName: (n, place) => (place ? `${n} rhestriad yn ${place}` : `${n} rhestriad mewn un lle`),
  siteHeading: (n, place) => (place ? `${n} rhestriad yn ${place}` : `${n} rhestriad mewn un lle`),
  zoomed: (direction, level, shown) =>
    `Wedi chwyddo ${direction === 'in' ? 'i mewn' : 'allan'} i lefel ${level}, ${shown} rhestriad i'w gweld`,
  noLocations: "Nid oes gan yr un o'r canlyniadau hyn leoliad i'w ddangos ar y map. Mae'r rhestr yn eu dangos i gyd.",
  someUnplaced: (n) => `Nid yw ${n} rhestriad heb leoliad ar y map.`,
  outliers: (n) => `Mae ${n} rhestriad ymhell o'r lleill y tu allan i'r olwg hon.`,
  tilesUnavailable: "Nid yw'r map cefndir ar gael. Mae'r marcwyr yn dal i weithio.",
  consentText: (host) => `Daw'r map cefndir o ${host}. Mae ei lwytho yn anfon cyfeiriad rhyngrwyd eich dyfais atyn nhw.`,
  consentButton: "Llwytho'r map cefndir",
  attributionLabel: 'Data map',
};
