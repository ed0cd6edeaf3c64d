export { main } from './main.js';
export type { Io, Command } from './io.js';
export { importCsv, parseCsv, type ImportCsvOptions, type ImportCsvResult, type ParsedCsv } from './import/csv.js';
export { checkMapping, defaultMapping, type CsvMapping, type ValueSpec, type ScheduleColumns, type SkipRule } from './import/csv-mapping.js';
export { readCentroidCsv, emptyCentroids, geocode, normalisePostcode, type Centroids } from './import/postcodes.js';
