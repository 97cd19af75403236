const emailPattern = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]+/g

/**
 * Replaces every email address in `text` with "[email]", by the pattern alone: the first step of
 * every redaction, and what the member's page shows before sending (web/member/answer-steps.tsx),
 * so the member sees exactly what the server will do to emails.
 */
export const maskEmails = (text: string) => text.replace(emailPattern, '[email]')
const word = /[\p{L}\p{N}]+/gu
// Between the words of one name: punctuation and spaces only, briefly ("Dr. (Who)", "Ana  Lopez").
const joiner = /^[^\p{L}\p{N}]{1,3}$/u
const MAX_WORDS = 4

/**
 * Names a comment could mention that the system knows: organizers' and members' names with each
 * of their words ("Ana María Lopez" gives the whole name, "Ana", "María" and "Lopez"), and the
 * name-like parts of emails ("ana.lopez@…" gives "ana lopez", "ana" and "lopez"). Names and
 * parts shorter than three letters are left out; they would redact ordinary words.
 */
export function knownNames(emails: string[], names: string[]): string[] {
  const out = new Set<string>()
  for (const name of names) {
    if (name.trim().length >= 3) out.add(name.trim())
    for (const part of name.match(/\p{L}{3,}/gu) ?? []) out.add(part)
  }
  for (const email of emails) {
    const parts = email
      .split('@')[0]
      .split(/[._+-]+/)
      .filter((p) => /^\p{L}{3,}$/u.test(p))
    for (const part of parts) out.add(part)
    if (parts.length > 1) out.add(parts.join(' '))
  }
  return [...out]
}

const key = (words: string[]) => words.map((w) => w.toLowerCase()).join(' ')

/**
 * Makes a redactor for a set of known names, prepared once: it replaces every email address with
 * "[email]" and every known name — its words in order, any case, joined by at most a few spaces
 * or punctuation marks — with "[name]", preferring the longest name at each word. Cost per
 * comment grows with its length, not with the number of names.
 */
export function redactor(names: string[]): (text: string) => string {
  const known = new Set<string>()
  for (const name of names) {
    const words = name.match(word) ?? []
    if (words.length > 0 && words.length <= MAX_WORDS) known.add(key(words))
  }
  return (text) => {
    const masked = maskEmails(text)
    const tokens = [...masked.matchAll(word)].map((m) => ({
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
    }))
    let out = ''
    let cursor = 0
    for (let i = 0; i < tokens.length;) {
      let match = 0
      for (let n = Math.min(MAX_WORDS, tokens.length - i); n >= 1 && !match; n--) {
        const span = tokens.slice(i, i + n)
        const joined = span.every(
          (t, j) => j === 0 || joiner.test(masked.slice(span[j - 1].end, t.start)),
        )
        if (joined && known.has(key(span.map((t) => t.text)))) match = n
      }
      if (match) {
        out += masked.slice(cursor, tokens[i].start) + '[name]'
        cursor = tokens[i + match - 1].end
        i += match
      } else i++
    }
    return out + masked.slice(cursor)
  }
}

/** One-off redaction; for many comments, make a `redactor` once. */
export const redact = (text: string, names: string[]) => redactor(names)(text)
