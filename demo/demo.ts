// The council page offers Welsh: the language link sets ?lang=cy, and this copies it to the page and the finder,
// as a bilingual council's CMS would when it serves the Welsh page.
const lang = new URLSearchParams(window.location.search).get('lang') === 'cy' ? 'cy' : 'en';
if (lang === 'cy') {
  document.documentElement.lang = 'cy';
  document.querySelector('atlas-finder')?.setAttribute('lang', 'cy');
  const link = document.querySelector<HTMLAnchorElement>('#lang-link');
  if (link) {
    link.href = '?';
    link.textContent = 'English';
    link.lang = 'en';
    link.hreflang = 'en';
  }
}
