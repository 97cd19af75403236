/**
 * The HTML page that serves a front-end path: the member pages (`/join`, `/m/…`) are their own
 * small bundle; every other path belongs to the organizer app.
 */
export function pageFor(path: string): '/member.html' | '/index.html' {
  return path === '/join' || path === '/m' || path.startsWith('/m/')
    ? '/member.html'
    : '/index.html'
}
