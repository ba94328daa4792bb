// The tab's favicon says whether what the page watches is still preparing, so a user in
// another tab sees it change. Shared by the tag page and Recent pushes.
export const FAVICONS = {
  default: '/favicon.svg',
  preparing: '/favicon-preparing.svg',
  ready: '/favicon-ready.svg',
} as const;

export function setFavicon(href: string): void {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    link.type = 'image/svg+xml';
    document.head.append(link);
  }
  if (link.getAttribute('href') !== href) link.setAttribute('href', href);
}
