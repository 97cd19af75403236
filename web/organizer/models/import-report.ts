import type { FieldProblem, ImportedMember } from '../api-types'

/**
 * Turns a 422 from a member import into readable lines, in file order: `line.7` → "line 7: …",
 * `line.7.team` → "line 7, team: …", `members.0.email` → "member 1, email: …".
 */
export function formatImportErrors(errors: FieldProblem[] | undefined): string[] {
  const rows = (errors ?? []).map(({ path, message }) => {
    const line = /^line\.(\d+)(?:\.(.+))?$/.exec(path)
    if (line) return { order: Number(line[1]), text: place(`line ${line[1]}`, line[2], message) }
    const member = /^members\.(\d+)(?:\.(.+))?$/.exec(path)
    if (member) {
      const n = Number(member[1]) + 1
      return { order: n, text: place(`member ${n}`, member[2], message) }
    }
    return { order: 0, text: path ? `${path}: ${message}` : message }
  })
  return rows.sort((a, b) => a.order - b.order).map((r) => r.text)
}

function place(where: string, field: string | undefined, message: string): string {
  return field ? `${where}, ${field}: ${message}` : `${where}: ${message}`
}

/** The members of an import answer that got a fresh invite link. */
export function invitesOf(members: ImportedMember[]): { email: string; inviteUrl: string }[] {
  return members.flatMap((m) => (m.inviteUrl ? [{ email: m.email, inviteUrl: m.inviteUrl }] : []))
}

/**
 * One CSV field: quoted when needed, and a leading `= + - @` or tab neutralised with `'` so a
 * spreadsheet never runs it as a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** Invite links as CSV with the header `email,invite_url`, one row per member. */
export function invitesAsCsv(invites: { email: string; inviteUrl: string }[]): string {
  const rows = invites.map((i) => `${csvField(i.email)},${csvField(i.inviteUrl)}`)
  return ['email,invite_url', ...rows].join('\r\n') + '\r\n'
}

/** Invite links as plain text, one "email: link" per line, for pasting into a message. */
export function invitesAsText(invites: { email: string; inviteUrl: string }[]): string {
  return invites.map((i) => `${i.email}: ${i.inviteUrl}`).join('\n')
}

/** "3 added, 1 updated" in plain words, with the count of fresh links. */
export function importSummary(created: number, updated: number, links: number): string {
  const parts = [`${created} added`, `${updated} updated`]
  const linkText = links === 1 ? '1 new invite link' : `${links} new invite links`
  return `${parts.join(', ')}; ${linkText}.`
}

/** The CSV header this community's import expects, e.g. `email,team,role`. */
export function expectedHeader(attributes: string[]): string {
  return ['email', ...attributes].join(',')
}

/** A file's size in words a person reads at a glance. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** The server refuses CSV bodies over 8 MiB (413); checking first saves a long upload. */
export const maxCsvBytes = 8 * 1024 * 1024
