import type { Community, CommunityInput, FieldProblem, PrivacyMode } from '../api-types'

/** The settings form as typed: numbers stay strings until checked. */
export interface SettingsDraft {
  name: string
  attributes: string[]
  minGroupSize: string
  minCommentGroupSize: string
  privacyMode: PrivacyMode
  epsilon: string
}

/** The floors and defaults of DESIGN.md: k ≥ 3 (5), k_text ≥ 5 (10) and never below k. */
export const floors = { minGroupSize: 3, minCommentGroupSize: 5 }
export const defaults = { minGroupSize: 5, minCommentGroupSize: 10, epsilon: 1 }

export function draftOf(c: Community): SettingsDraft {
  return {
    name: c.name,
    attributes: [...c.attributes],
    minGroupSize: String(c.minGroupSize),
    minCommentGroupSize: String(c.minCommentGroupSize),
    privacyMode: c.privacyMode,
    epsilon: String(c.epsilon),
  }
}

const isWhole = (s: string) => /^\d+$/.test(s.trim())

/** Problems with the draft, with the server's paths (`attributes.1`, `minGroupSize`, …). */
export function validateSettings(d: SettingsDraft): FieldProblem[] {
  const problems: FieldProblem[] = []
  const add = (path: string, message: string) => problems.push({ path, message })
  if (!d.name.trim()) add('name', 'give the community a name')
  const seen = new Set<string>()
  d.attributes.forEach((raw, i) => {
    const a = raw.trim()
    if (!a) add(`attributes.${i}`, 'name this attribute or remove it')
    else if (a.toLowerCase() === 'email')
      add(`attributes.${i}`, '"email" is the import’s own column')
    else if (seen.has(a)) add(`attributes.${i}`, 'this attribute is already in the list')
    seen.add(a)
  })
  const k = Number(d.minGroupSize)
  if (!isWhole(d.minGroupSize) || k < floors.minGroupSize) {
    add('minGroupSize', `must be a whole number, at least ${floors.minGroupSize}`)
  }
  const kText = Number(d.minCommentGroupSize)
  if (!isWhole(d.minCommentGroupSize) || kText < floors.minCommentGroupSize) {
    add('minCommentGroupSize', `must be a whole number, at least ${floors.minCommentGroupSize}`)
  } else if (isWhole(d.minGroupSize) && kText < k) {
    add('minCommentGroupSize', 'may not be below the smallest group size for scores')
  }
  const epsilon = Number(d.epsilon)
  if (d.privacyMode === 'noise' && !(epsilon > 0 && Number.isFinite(epsilon))) {
    add('epsilon', 'must be a number above 0')
  }
  return problems
}

/** The PATCH body for a checked draft. ε is sent only in noise mode, where it applies. */
export function toCommunityInput(d: SettingsDraft): CommunityInput {
  const input: CommunityInput = {
    name: d.name.trim(),
    attributes: d.attributes.map((a) => a.trim()),
    minGroupSize: Number(d.minGroupSize),
    minCommentGroupSize: Number(d.minCommentGroupSize),
    privacyMode: d.privacyMode,
  }
  if (d.privacyMode === 'noise') input.epsilon = Number(d.epsilon)
  return input
}

/** Adds an attribute name at the end (lowest priority); blank or repeated names are ignored. */
export function appendAttribute(list: string[], name: string): string[] {
  const a = name.trim()
  return a && !list.includes(a) ? [...list, a] : list
}

/** Whether the draft differs from the saved community. */
export function settingsChanged(d: SettingsDraft, c: Community): boolean {
  return JSON.stringify(d) !== JSON.stringify(draftOf(c))
}
