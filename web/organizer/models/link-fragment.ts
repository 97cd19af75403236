/**
 * The key a link carries after its `#` (an invite's or a reset's token): browsers never send the
 * fragment to the server, so it stays out of request logs.
 */
export function tokenFromHash(): string {
  const raw = location.hash.replace(/^#/, '')
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** Drops the token from the address bar and history once it was used. */
export function forgetHash(path: string): void {
  history.replaceState(null, '', path)
}
