const emailPattern = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]+/g
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Names a comment could mention that the system knows: organizers' names and the name-like
 * parts of members' emails ("ana.lopez@…" gives "ana lopez", "ana" and "lopez"). Parts shorter
 * than three letters are left out; they would redact ordinary words.
 */
export function knownNames(emails: string[], names: string[]): string[] {
  const out = new Set<string>()
  for (const name of names) if (name.trim().length >= 3) out.add(name.trim())
  for (const email of emails) {
    const parts = email.split('@')[0].split(/[._+-]+/).filter((p) => /^\p{L}{3,}$/u.test(p))
    for (const part of parts) out.add(part)
    if (parts.length > 1) out.add(parts.join(' '))
  }
  return [...out]
}

/**
 * Replaces every email address with "[email]" and every known name (whole words, any case)
 * with "[name]", longest names first so "Ana Lopez" is replaced whole.
 */
export function redact(text: string, names: string[]): string {
  let out = text.replace(emailPattern, '[email]')
  const sorted = [...names].sort((a, b) => b.length - a.length)
  for (const name of sorted) {
    const words = name.split(/\s+/).map(escape).join('\\s+')
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'giu'), '[name]')
  }
  return out
}
