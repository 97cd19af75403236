// Every word a member or a chat reads comes from this module, so choosing a language later means
// choosing a catalog here. Messages carry no tracking: no pixels, no redirects, no per-recipient
// ids in links except the invite key (which an invite must carry) and the unsubscribe token.

/** Where a message's invite link and unsubscribe link go; filled in only when it is sent or copied. */
export const INVITE_URL = '{{inviteUrl}}'
export const UNSUBSCRIBE_URL = '{{unsubscribeUrl}}'

export interface Written {
  subject: string
  text: string
}

const date = (ms: number) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(
    ms,
  ) + ' UTC'

const footer = (community: string) =>
  `\n\n—\nYou receive this because you are a member of ${community} on trustpulse.\n` +
  `Stop these emails: ${UNSUBSCRIBE_URL}`

/**
 * The invitation: the member's own single-use link. The subject needs no possessive, so any
 * community name reads right ("Riverside Makers", "Crew & Co").
 */
export function inviteEmail(community: string): Written {
  return {
    subject: `Your invitation to the anonymous pulses of ${community}`,
    text:
      `${community} asks its members short, anonymous questions about how things are going.\n\n` +
      `Open your personal invite link once, on the device you will answer from:\n${INVITE_URL}\n\n` +
      `The link works once and only for you: please do not forward it. Your answers are never ` +
      `linked to you — the server never learns which answers are yours.` +
      footer(community),
  }
}

/** "A pulse is open": links to the member page, the same link for everyone. */
export function pulseOpenEmail(
  community: string,
  survey: string,
  closesAt: number,
  memberUrl: string,
): Written {
  return {
    subject: `${community}: "${survey}" is open until ${date(closesAt)}`,
    text:
      `A new pulse of ${community} is open: "${survey}".\n\n` +
      `It takes about a minute. Answer on the device where you joined:\n${memberUrl}\n\n` +
      `It closes on ${date(closesAt)}. Your answers are anonymous.` +
      footer(community),
  }
}

/**
 * The one reminder before a pulse closes. It goes to every member of the pulse, and says so:
 * trustpulse does not know who answered, and never reminds only some members (DESIGN.md 9).
 */
export function reminderEmail(
  community: string,
  survey: string,
  closesAt: number,
  memberUrl: string,
): Written {
  return {
    subject: `Reminder: "${survey}" closes on ${date(closesAt)}`,
    text:
      `The pulse "${survey}" of ${community} closes on ${date(closesAt)}.\n\n` +
      `This reminder goes to every member: trustpulse cannot know who answered. If you have ` +
      `already answered, thank you — nothing more to do.\n\n` +
      `Answer on the device where you joined:\n${memberUrl}` +
      footer(community),
  }
}

/** What everyone in a channel can compare with what their own device computes. */
export interface Verifiable {
  /** The pulse's fingerprint, "ABCD EFGH IJKL MNOP". */
  fingerprint: string
  /** The first 16 characters of the hash of the community's log head, when it has one. */
  logHead?: string
}

/**
 * The chat message when a pulse opens. A broadcast (everyone in the channel reads the same text),
 * so it carries the pulse's fingerprint and the log head for members to compare with their
 * member page; `memberUrl` then carries the fingerprint too (`#fp=`), for the page to compare.
 */
export function pulseOpenChat(
  community: string,
  survey: string,
  closesAt: number,
  memberUrl: string,
  verifiable?: Verifiable,
): string {
  const open = `A new anonymous pulse of ${community} is open: "${survey}", until ${date(closesAt)}. Members answer here: ${memberUrl}`
  if (!verifiable) return open
  const head = verifiable.logHead ? ` Log head: ${verifiable.logHead}.` : ''
  return (
    `${open} Fingerprint: ${verifiable.fingerprint} (your member page must show the same code; ` +
    `if it shows another, do not answer and say so here).${head}`
  )
}

export interface Headline {
  eligible: number
  /** The overall group's released count; null when it is suppressed. */
  responded: number | null
  /** The pulse's minGroupSize, for "fewer than k". */
  k: number
  /** Dimension scores of the released overall group, if it was released. */
  dimensions: { dimension: string; favorable: number }[]
}

const percent = (share: number) => `${Math.round(share * 100)}%`

/** The chat message when results are shared: headline numbers only, from the released view. */
export function resultsChat(
  community: string,
  survey: string,
  headline: Headline,
  memberUrl: string,
): string {
  const { responded, eligible, k } = headline
  const rate = responded !== null && eligible > 0 ? ` (${percent(responded / eligible)})` : ''
  const answered = responded === null ? `fewer than ${k}` : String(responded)
  const scores = headline.dimensions.map((d) => `${d.dimension} ${percent(d.favorable)} favorable`)
  return (
    `Results of "${survey}" (${community}) are shared: ${answered} of ${eligible} members answered${rate}.` +
    (scores.length ? ` ${scores.join(', ')}.` : '') +
    ` Members see them here: ${memberUrl}`
  )
}

export const testChat = (community: string) =>
  `trustpulse can post to this channel for ${community}.`

/** Fills an email's links. */
export const fillLinks = (text: string, links: { inviteUrl?: string; unsubscribeUrl: string }) =>
  text
    .replaceAll(INVITE_URL, links.inviteUrl ?? INVITE_URL)
    .replaceAll(UNSUBSCRIBE_URL, links.unsubscribeUrl)

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  )

/**
 * The simple HTML version of a plain-text email: every character escaped, paragraphs kept,
 * http(s) links made clickable as they are (no redirect, no pixel, no remote image).
 */
export function emailHtml(subject: string, text: string): string {
  const linked = (line: string) =>
    line
      .split(/(https?:\/\/\S+)/)
      .map((part, i) =>
        i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part),
      )
      .join('')
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(linked).join('<br>')}</p>`)
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:sans-serif;line-height:1.5;max-width:36em">${paragraphs.join('\n')}</body></html>`
  )
}
