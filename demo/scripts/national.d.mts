// Types for national.mjs (plain JavaScript, so that `npm start` runs it with no build step).
export interface NationalAbout {
  listings: number;
  shards: number;
  feeds: number;
  built: string[];
  sources: { name: string; licence: string; attribution: string }[];
  noGpPractices: string;
}
export function buildNational(options?: { folder?: string; to?: string; log?: (line: string) => void }): NationalAbout | undefined;
export function nationalSources(folder?: string): { mobile: string[]; openactive: string[] };
export function copyNational(options: { from?: string; to: string }): boolean;
