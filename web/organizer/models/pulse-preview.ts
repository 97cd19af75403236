import type { PulsePreview } from '../api-types'

const count = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`

/** "a", "a and b", "a, b and c". */
const listed = (items: string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`

/**
 * What opening a pulse now would do, in plain words for the organizer, before they open it: how
 * many of the eligible members have joined, and what the pulse will be cut by and into how many
 * groups, or that it will have no groups (results for everyone together) and why. `k` is the
 * community's smallest group size; `later` says the pulse is scheduled, so the numbers are
 * today's and its groups form from whoever has joined when it opens. Never empty.
 */
export function previewText(preview: PulsePreview, k: number, later = false): string {
  const { eligible, joined, attributes, cohorts, cutBy } = preview
  const joinHint = joined < eligible ? ' Members join by opening their invite link.' : ''
  const when = later
    ? ' These are today’s numbers: a scheduled pulse is cut by whoever has joined when it opens.'
    : ''
  if (cutBy.length === 0) {
    if (attributes.length === 0) {
      return `${joined} of ${count(eligible, 'member', 'members')} ${joined === 1 ? 'has' : 'have'} joined. Results will show everyone together: this community has no attributes to group members by.${when}`
    }
    const why = joined > 0 ? ` Each group needs at least ${k} members who have joined.` : ''
    return `${joined} of ${eligible} joined: this pulse will have no groups — results will show everyone together.${why}${joinHint}${when}`
  }
  const missing = attributes.filter((a) => !cutBy.includes(a))
  const notBy = missing.length
    ? ` Not by ${listed(missing)}: each group needs at least ${k} members who have joined.${joinHint}`
    : ''
  return (
    `${joined} of ${count(eligible, 'member', 'members')} ${joined === 1 ? 'has' : 'have'} joined. ` +
    `This pulse will be cut by ${listed(cutBy)} (${count(cohorts.length, 'group', 'groups')}).${notBy}${when}`
  )
}
