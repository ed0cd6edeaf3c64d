/**
 * Tile providers publish their attribution as a snippet of HTML ("© <a href=…>OpenStreetMap</a>
 * contributors"), and embedders paste it as-is. Rather than trusting it as
 * markup, keep only its text and its http(s) links, and let Lit render those.
 */
export function attributionParts(markup: string): (string | { text: string; href: string })[] {
  // Parsing is dear beside a render, and the map renders on every zoom: parse each markup once.
  let parts = parsed.get(markup);
  if (!parts) {
    parts = parse(markup);
    parsed.set(markup, parts);
  }
  return parts;
}

const parsed = new Map<string, (string | { text: string; href: string })[]>();

function parse(markup: string): (string | { text: string; href: string })[] {
  const doc = new DOMParser().parseFromString(`<body>${markup}</body>`, 'text/html');
  const parts: (string | { text: string; href: string })[] = [];
  const walk = (node: Node): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        parts.push(child.textContent ?? '');
      } else if (child instanceof HTMLAnchorElement) {
        const href = child.getAttribute('href') ?? '';
        const text = child.textContent ?? '';
        if (/^https?:\/\//i.test(href)) parts.push({ text, href });
        else parts.push(text);
      } else if (child instanceof Element && !['SCRIPT', 'STYLE'].includes(child.tagName)) {
        walk(child);
      }
    }
  };
  walk(doc.body);
  return parts;
}
