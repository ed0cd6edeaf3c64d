/**
 * Writing a text index for a ready feed (`atlas build`), in Node: the very text
 * `TextIndex.serialize` writes (text.ts: MiniSearch's `toJSON` inside the
 * index's own header), made without building a MiniSearch. MiniSearch keeps a
 * radix tree of terms with a map per term, field and document, which a build
 * only writes out once; here each term's documents are plain lists, written
 * straight as JSON.
 *
 * What has to come out the same, and how:
 * - documents, field lengths and the running average field lengths: worked out
 *   as MiniSearch's `add` works them out, document by document (the averages
 *   with the same arithmetic in the same order);
 * - the order of the terms: MiniSearch writes them in the order of its radix
 *   tree, whose shape depends only on the order in which terms were first
 *   added. The terms are put into MiniSearch's own `SearchableMap` in that
 *   order, and written in its order;
 * - each term's fields and documents: numeric keys of plain objects, which
 *   JSON.stringify writes in ascending order.
 * The ready-feed and prebuilt-index tests compare a finder reading what this
 * writes with one that built its own index.
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { AtlasListing } from '../feed/normalised.js';
import type { FilterCore } from './core.js';
import { INDEX_FORMAT, INDEX_VERSION, TextIndex, textHash } from './text.js';

/** One term's documents and how often it is in each, per field (by field id). */
type Postings = ({ docs: number[]; freqs: number[] } | undefined)[];

/** The text index of `core`'s listings as `TextIndex.serialize` writes it, and every term in it. */
export function writeTextIndex(core: FilterCore): { json: string; terms: string[] } {
  const text = new TextIndex(core);
  const options = text.indexOptions();
  const fields = options.fields;
  const idField = options.idField ?? 'id';
  const tokenize = options.tokenize!;
  const processTerm = options.processTerm!;
  const extractField = options.extractField!;
  const fieldIds: Record<string, number> = {};
  fields.forEach((field, f) => {
    fieldIds[field] = f;
  });

  // Terms in the order they were first added: what the radix tree's shape depends on.
  const index = new Map<string, Postings>();
  const processed = new Map<string, ReturnType<typeof processTerm>>();
  const ids: string[] = [];
  const seen = new Set<unknown>();
  const lengths: number[][] = [];
  const averages: number[] = [];
  /** What the index reads, in order (its content hash). */
  const read: string[] = [];
  const add = (term: string, f: number, doc: number): void => {
    let postings = index.get(term);
    if (!postings) index.set(term, (postings = []));
    const here = (postings[f] ??= { docs: [], freqs: [] });
    const last = here.docs.length - 1;
    if (last >= 0 && here.docs[last] === doc) here.freqs[last]!++;
    else {
      here.docs.push(doc);
      here.freqs.push(1);
    }
  };
  for (const listing of core.listings) {
    const id = extractField(listing, idField) as string | undefined;
    if (id == null) throw new Error(`MiniSearch: document does not have ID field "${idField}"`);
    if (seen.has(id)) throw new Error(`MiniSearch: duplicate ID ${id}`);
    seen.add(id);
    read.push(id);
    const doc = ids.length;
    ids.push(id);
    const docLengths: number[] = [];
    lengths.push(docLengths);
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f]!;
      const value = extractField(listing as AtlasListing, field) as string | undefined;
      if (value == null) continue;
      read.push(value);
      const tokens = tokenize(value.toString(), field);
      const unique = new Set(tokens).size;
      docLengths[f] = unique;
      averages[f] = ((averages[f] || 0) * doc + unique) / (doc + 1);
      for (const token of tokens) {
        let terms = processed.get(token);
        if (terms === undefined) processed.set(token, (terms = processTerm(token, field)));
        if (Array.isArray(terms)) for (const term of terms) add(term, f, doc);
        else if (terms) add(terms, f, doc);
      }
    }
  }

  const tree = new SearchableMap<true>();
  for (const term of index.keys()) tree.set(term, true);
  const out: string[] = [
    `{"format":${JSON.stringify(INDEX_FORMAT)},"version":${INDEX_VERSION},"content":${JSON.stringify(textHash(read))},"needs":${text.vocabulary.needs.size}`,
    `,"index":{"documentCount":${ids.length},"nextId":${ids.length},"documentIds":{`,
    ids.map((id, doc) => `"${doc}":${JSON.stringify(id)}`).join(','),
    `},"fieldIds":${JSON.stringify(fieldIds)},"fieldLength":{`,
    lengths.map((l, doc) => `"${doc}":${JSON.stringify(l)}`).join(','),
    `},"averageFieldLength":${JSON.stringify(averages)},"storedFields":{},"dirtCount":0,"index":[`,
  ];
  let first = true;
  for (const [term] of tree) {
    const postings = index.get(term)!;
    const parts: string[] = [];
    postings.forEach((p, f) => {
      if (!p) return;
      const docs = p.docs.map((doc, i) => `"${doc}":${p.freqs[i]}`);
      parts.push(`"${f}":{${docs.join(',')}}`);
    });
    out.push(`${first ? '' : ','}[${JSON.stringify(term)},{${parts.join(',')}}]`);
    first = false;
  }
  out.push('],"serializationVersion":2}}');
  return { json: out.join(''), terms: [...index.keys()] };
}
