// The council page offers Welsh: the language link sets ?lang=cy, and this copies it to the page and the finder,
// as a bilingual council's CMS would when it serves the Welsh page.
const lang = new URLSearchParams(window.location.search).get('lang') === 'cy' ? 'cy' : 'en';
if (lang === 'cy') {
  document.documentElement.lang = 'cy';
  // The page's own words in Welsh too: a page marked Welsh but written in English would be read aloud with Welsh sounds.
  for (const el of document.querySelectorAll<HTMLElement>('[data-cy]')) el.textContent = el.dataset.cy ?? el.textContent;
  for (const el of document.querySelectorAll<HTMLElement>('[data-cy-label]')) el.setAttribute('aria-label', el.dataset.cyLabel ?? '');
  document.querySelector('atlas-finder')?.setAttribute('lang', 'cy');
  const link = document.querySelector<HTMLAnchorElement>('#lang-link');
  if (link) {
    link.href = '?';
    link.textContent = 'English';
    link.lang = 'en';
    link.hreflang = 'en';
  }
}
