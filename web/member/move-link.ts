// The move link: what one of the member's devices hands another when the member moves (DESIGN.md,
// "Members hold their own credential"). It travels in the link's fragment, which browsers never
// send to a server, and holds the single-use move key, the device's signed, unspent tokens
// and the fingerprints this device pinned for the open pulses' key lists (key-check.ts), so the
// other device refuses any other list; nothing else. Never a token's blinding values
// (`blindedMsg`, `inv`: the encoder reads only the four fields of a signed token), never
// answers, receipts or the member key.
//
// Format: `v=1&k=<moveKey>&t=<pid>,<keyId>,<token>,<signature>&t=…&f1=<pid>,<fingerprint>&f1=…`,
// each value URI-encoded. `v` changes only when an older page would misread a link; what a later
// version adds comes as fields of new names, which this reader skips (pages from before `f1`
// read such links, and links without `f1` are read here). `f1` is the pins' own version: pins of
// another form would come as `f2`.

/** A signed token on its way to the member's other device. */
export type MovedToken = { pid: string; keyId: string; token: string; signature: string }
/** The fingerprint (16 base32 characters) a device pinned for a pulse's key list. */
export type MovedPin = { pid: string; fingerprint: string }
export type MoveLink = { moveKey: string; tokens: MovedToken[]; pins?: MovedPin[] }

const version = 1
const moveKeyPattern = /^[A-Za-z0-9_-]{43}$/
const pinPattern = /^[A-Z2-7]{16}$/

const field = (name: string, values: string[]) =>
  `${name}=${values.map(encodeURIComponent).join(',')}`

/** The fragment text of a move link. */
export function encodeMoveLink({ moveKey, tokens, pins = [] }: MoveLink): string {
  return [
    field('v', [String(version)]),
    field('k', [moveKey]),
    ...tokens.map(({ pid, keyId, token, signature }) => field('t', [pid, keyId, token, signature])),
    ...pins.map(({ pid, fingerprint }) => field('f1', [pid, fingerprint])),
  ].join('&')
}

/**
 * Reads what encodeMoveLink wrote: the move, `'newer'` for a link of a later version than this
 * page knows, undefined for anything damaged or unknown.
 */
export function decodeMoveLink(text: string): MoveLink | 'newer' | undefined {
  const fields: [string, string[]][] = []
  try {
    for (const part of text.split('&')) {
      const at = part.indexOf('=')
      if (at < 1) return undefined
      fields.push([
        part.slice(0, at),
        part
          .slice(at + 1)
          .split(',')
          .map(decodeURIComponent),
      ])
    }
  } catch {
    return undefined // a malformed escape
  }
  const all = (name: string) => fields.filter(([n]) => n === name).map(([, v]) => v)
  const [v] = all('v')
  if (v?.length !== 1 || !/^\d+$/.test(v[0])) return undefined
  if (Number(v[0]) > version) return 'newer'
  const keys = all('k')
  if (keys.length !== 1 || keys[0].length !== 1 || !moveKeyPattern.test(keys[0][0])) return
  const tokens: MovedToken[] = []
  for (const t of all('t')) {
    if (t.length !== 4 || !t.every(Boolean)) return undefined
    const [pid, keyId, token, signature] = t
    tokens.push({ pid, keyId, token, signature })
  }
  const pins: MovedPin[] = []
  for (const f of all('f1')) {
    if (f.length !== 2 || !f[0] || !pinPattern.test(f[1])) return undefined
    pins.push({ pid: f[0], fingerprint: f[1] })
  }
  return { moveKey: keys[0][0], tokens, ...(pins.length ? { pins } : {}) }
}

/** The link the other device opens (the member pages serve /m/import). */
export const moveUrl = (origin: string, link: MoveLink) =>
  `${origin}/m/import#${encodeMoveLink(link)}`
