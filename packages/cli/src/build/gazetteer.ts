/**
 * `atlas build --shards --gazetteer DIR`: the national gazetteer of a sharded
 * directory, from a folder of postcode-centroid CSVs (district and sector
 * centres: outcode and sector columns with lat and lng, as `--postcodes`
 * reads) and the data's licence terms, which are carried into every
 * gazetteer file and the manifest, and shown by the finder beside any place
 * found with it.
 *
 * The terms come from `--gazetteer-attribution TEXT`, else from the folder's
 * SOURCE.txt (or ATTRIBUTION.txt): its "Contains … data ©" sentences, with
 * "<year>" set to the latest year the file names, and its "Licence:" line.
 * A gazetteer with no attribution is refused: Ordnance Survey and Royal Mail
 * data may only be published with it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyCentroids, readCentroidCsv } from '../import/postcodes.js';

export interface GazetteerSource {
  districts: Record<string, [number, number]>;
  sectors: Record<string, [number, number]>;
  attribution: string;
  licence?: string;
  source?: string;
  files: string[];
}

const round4 = (n: number): number => Math.round(n * 1e4) / 1e4;

/** The attribution, licence and source named in a SOURCE.txt, as far as it says them. */
function termsOf(text: string): { attribution?: string; licence?: string; source?: string } {
  const years = [...text.matchAll(/\b(19|20)\d\d\b/g)].map((m) => Number(m[0]));
  const year = years.length ? String(Math.max(...years)) : undefined;
  const sentences = [...text.replace(/\s+/g, ' ').matchAll(/Contains [^"“”.]*?(?:data|database)[^"“”]*?©[^"“”.]*(?:<year>)?\./g)].map((m) => m[0]);
  const attribution = [...new Set(sentences)].map((s) => (year ? s.replace(/\s*<year>/g, ` ${year}`) : s.replace(/\s*<year>/g, ''))).join(' ');
  const licence = /^Licen[cs]e:[ \t]*(.*?)(?:\s*\(|\.\s|\.?$)/m.exec(text)?.[1]?.trim();
  const source = (/^Original publisher:\s*(.+)$/m.exec(text) ?? /^Dataset:\s*(.+)$/m.exec(text))?.[1]?.trim();
  return { ...(attribution ? { attribution } : {}), ...(licence ? { licence } : {}), ...(source ? { source } : {}) };
}

/** Reads `dir`'s centroid CSVs and terms; throws with a sentence for the person when it cannot. */
export async function readGazetteerDir(dir: string, attribution?: string): Promise<GazetteerSource> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    throw new Error(`cannot read the --gazetteer folder ${dir}.`);
  }
  const centroids = emptyCentroids();
  const files: string[] = [];
  for (const name of names.filter((n) => /\.csv$/i.test(n))) {
    const { table } = readCentroidCsv(await readFile(join(dir, name), 'utf8'), name, centroids);
    if (table !== 'postcodes') files.push(name);
  }
  if (!centroids.districts.size && !centroids.sectors.size) {
    throw new Error(`the --gazetteer folder ${dir} has no district (outcode) or sector centroid CSV.`);
  }
  const termsFile = names.find((n) => /^(SOURCE|ATTRIBUTION)\.txt$/i.test(n));
  const terms = termsFile ? termsOf(await readFile(join(dir, termsFile), 'utf8')) : {};
  const said = attribution ?? terms.attribution;
  if (!said) {
    throw new Error(`the --gazetteer folder ${dir} says no attribution (a SOURCE.txt with "Contains … ©" lines): give it with --gazetteer-attribution TEXT; postcode data is published only with its attribution.`);
  }
  const table = (map: Map<string, [number, number]>): Record<string, [number, number]> =>
    Object.fromEntries([...map].map(([key, [lat, lng]]) => [key, [round4(lat), round4(lng)]]));
  return {
    districts: table(centroids.districts), sectors: table(centroids.sectors), attribution: said,
    ...(terms.licence ? { licence: terms.licence } : {}), ...(terms.source ? { source: terms.source } : {}), files,
  };
}
