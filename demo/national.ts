/**
 * demo/national.html: the finder on the national directory that `npm start`
 * builds from the real data (demo/scripts/national.mjs) into demo/national-data/,
 * with where the data comes from and the licence terms each source asks for;
 * or, when the directory was not built, how to get the data.
 */
interface About {
  listings: number;
  shards: number;
  feeds: number;
  sources: { name: string; licence: string; attribution: string }[];
}

const DIRECTORY = 'national-data/directory/manifest.json';

async function show(): Promise<void> {
  let about: About | undefined;
  try {
    const [manifest, aboutResponse] = await Promise.all([fetch(DIRECTORY, { method: 'HEAD' }), fetch('national-data/about.json')]);
    if (manifest.ok && aboutResponse.ok) about = (await aboutResponse.json()) as About;
  } catch {
    about = undefined;
  }
  if (!about) {
    document.getElementById('national-missing')!.hidden = false;
    return;
  }
  const finder = document.createElement('atlas-finder');
  finder.setAttribute('src', DIRECTORY);
  finder.setAttribute('theme', 'gov');
  finder.setAttribute('view', 'list');
  document.getElementById('national-finder')!.append(finder);
  document.getElementById('national-counts')!.textContent =
    `${about.listings.toLocaleString('en-GB')} listings from ${about.feeds} feeds, in ${about.shards} shards.`;
  const list = document.getElementById('national-sources')!;
  for (const source of about.sources) {
    const item = document.createElement('li');
    item.textContent = `${source.name}: ${source.licence}. ${source.attribution}`;
    list.append(item);
  }
  document.getElementById('national-about')!.hidden = false;
}

void show();
