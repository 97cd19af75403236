// An outside attacker on released views (DESIGN.md, "The anonymity model" 5). It reads only what
// a release shows (every cut's groups, their keyIds and numbers) and the public key list, and
// judges with its own exact algebra and its own replay of the release over enumerated worlds. It
// never calls the gate's helpers (cells.ts, gate.ts): a test that judged the gate with the gate's
// own model of the threat would share its blind spots.
import { createHash } from 'node:crypto'
import type { Question } from '../../api/surveys/question'
import { releaseView, type ReleasedView, type ReportGroup } from '../../api/reports/released-view'
import type { GateRules } from '../../api/privacy/gate'
import { createRandom } from './random'

// --- exact algebra ---------------------------------------------------------------------------

/** An echelon basis of the rows' span, by Bareiss' fraction-free elimination (exact, integers). */
export function echelon(rows: readonly (readonly bigint[])[], width: number): bigint[][] {
  const m = rows.map((row) => [...row])
  let rank = 0
  let previous = 1n
  for (let col = 0; col < width && rank < m.length; col++) {
    const p = m.findIndex((row, i) => i >= rank && row[col] !== 0n)
    if (p < 0) continue
    ;[m[rank], m[p]] = [m[p], m[rank]]
    for (let i = rank + 1; i < m.length; i++) {
      for (let j = col + 1; j < width; j++) {
        const x = m[rank][col] * m[i][j] - m[i][col] * m[rank][j]
        if (x % previous !== 0n) throw new Error('Bareiss: inexact division')
        m[i][j] = x / previous
      }
      m[i][col] = 0n
    }
    previous = m[rank][col]
    rank++
  }
  return m.slice(0, rank)
}

const bigRows = (rows: readonly (readonly number[])[]) => rows.map((r) => r.map((x) => BigInt(x)))

/** Whether `target` is a rational combination of `rows`. */
export function inSpan(rows: readonly (readonly number[])[], target: readonly number[]): boolean {
  const width = target.length
  return echelon(bigRows(rows), width).length === echelon(bigRows([...rows, target]), width).length
}

/** 0/1 rows over the cohorts, one per group (a group is a list of cohort indices). */
export function indicatorRows(groups: readonly (readonly number[])[], cohorts: number): number[][] {
  return groups.map((g) => {
    const row = Array<number>(cohorts).fill(0)
    for (const c of g) row[c] = 1
    return row
  })
}

/**
 * The finest partition of the `live` cohorts on which every combination of the groups is
 * constant: two cohorts share a class iff every vector of an exact basis of the groups' span
 * takes the same value on both. Any set a combination can isolate is a union of classes, so a
 * class holding 1..k−1 is what the rule forbids. Cohorts no group counts are left out: no
 * combination reads them.
 */
export function partition(
  groups: readonly (readonly number[])[],
  live: readonly boolean[],
): number[][] {
  const columns = live.flatMap((l, c) => (l ? [c] : []))
  const rows = indicatorRows(groups, live.length).map((row) => columns.map((c) => BigInt(row[c])))
  const basis = echelon(rows, columns.length)
  const classes = new Map<string, number[]>()
  columns.forEach((c, j) => {
    const column = basis.map((row) => row[j])
    if (column.every((x) => x === 0n)) return
    const key = column.join(',')
    classes.set(key, [...(classes.get(key) ?? []), c])
  })
  return [...classes.values()]
}

/** Classes of `partition` holding 1..k−1 by `weights` (cohorts of weight 0 are not live). */
export function exposed(
  groups: readonly (readonly number[])[],
  weights: readonly number[],
  k: number,
): { cohorts: number[]; weight: number }[] {
  return partition(
    groups,
    weights.map((w) => w > 0),
  )
    .map((cohorts) => ({ cohorts, weight: cohorts.reduce((s, c) => s + weights[c], 0) }))
    .filter(({ weight }) => weight > 0 && weight < k)
}

// --- reading a released view -----------------------------------------------------------------

type Shown = Extract<ReportGroup, { suppressed: false }>

export const isShown = (g: ReportGroup): g is Shown => !g.suppressed

/** Whether a released group shows a question's numbers. */
export const showsQuestion = (g: Shown, questionId: string) =>
  g.questions.some((q) => q.questionId === questionId && !q.suppressed)

/** The released groups as cohort index lists: all of them, or those showing `questionId`. */
export function releasedGroups(
  view: ReleasedView,
  indexOf: ReadonlyMap<string, number>,
  questionId?: string,
): number[][] {
  return Object.values(view.cuts)
    .flat()
    .filter(isShown)
    .filter((g) => questionId === undefined || showsQuestion(g, questionId))
    .map((g) =>
      g.keyIds.map((id) => {
        const i = indexOf.get(id)
        if (i === undefined) throw new Error(`released keyId ${id} is not in the key list`)
        return i
      }),
    )
}

// --- replaying the release over every world of a small case ------------------------------------

/** Every value a single-answer question can take, as API.md writes them. */
export function valuesOf(question: Question): string[] {
  if (question.kind === 'yesno') return ['true', 'false']
  if (question.kind === 'likert5') return ['1', '2', '3', '4', '5']
  throw new RangeError(`no small case for ${question.kind}`)
}

export interface SmallCase {
  name: string
  attributes: string[]
  /** Per cohort, the attributes it keeps. */
  labels: Record<string, string>[]
  joined: number[]
  k: number
  /** One required single-answer question. */
  question: Question
  /** Worlds hold at most this many respondents in all (see `replay`). */
  cap: number
  /** For the key ids, so the key-list order is not the label order. */
  seed: number
}

export interface ReplayReport {
  worlds: number
  classes: number
  refused: number
  /** Worlds where a class of the linear partition holds 1..k−1 (respondents or answers). */
  linear: number
  /** Without roster bounds: minimal forced facts outside a unanimous cell. */
  forced: number
  /** Of those, the ones whose set is not inside one released cell. */
  forcedAcross: number
  /** The worlds (enumeration indices) with such a fact, and a readable fact of each. */
  forcedAt: Map<number, string>
  /** With roster bounds: the same (dominance), and how many worlds show one. */
  dominance: { facts: number; worlds: number; example?: string }
  /** A few findings of each kind, readable. */
  examples: { linear: string[]; forced: string[]; across: string[] }
}

const binomial = (n: number, r: number) => {
  let x = 1
  for (let i = 1; i <= r; i++) x = (x * (n - r + i)) / i
  return Math.round(x)
}

/**
 * The replaying attacker. Enumerates every world of a small case (per cohort, how many gave each
 * answer) with at most `cap` respondents in all, computes each world's released view with
 * releaseView, and groups worlds by view (canonical JSON of every cut, keyIds included: they show
 * merges). Within a class the attacker knows only that the world is one of them. A forced fact
 * (S, v): S a set of cohorts holding 1..k−1 respondents in the true world, and in every world of
 * the class S holds an answer v. Only minimal ones are judged (no smaller S' with respondents is
 * forced for v: a larger S says nothing S' does not). A forced fact is allowed only inside a
 * unanimous cell: a set of cohorts the released groups showing the question never separate, all
 * of whose respondents answered v. The cap truncates the worlds; truncation can only remove
 * alternatives, so it adds forced facts and never hides one; and wherever the overall group is
 * released its count pins every world of the class to the true total, which is within the cap,
 * so those classes are complete. With roster bounds (each cohort at most its `joined`) the same
 * facts are dominance, which the design accepts: they are counted, not judged.
 * Also checks every world with the linear attacker (`exposed`).
 */
export function replay(c: SmallCase, rules?: GateRules): ReplayReport {
  const n = c.labels.length
  const values = valuesOf(c.question)
  const m = values.length
  const slots = n * m
  const full = (1 << m) - 1
  const subsets = 1 << n
  const rnd = createRandom(c.seed)
  const ids = c.labels.map(() => rnd.int(0, 0xffffff).toString(16).padStart(6, '0'))
  if (new Set(ids).size < n) throw new Error(`seed ${c.seed} repeats a key id`)
  const keys = c.labels.map((cohort, i) => ({ id: ids[i], cohort, joined: c.joined[i] }))
  const indexOf = new Map(ids.map((id, i) => [id, i]))
  const name = (i: number) => Object.values(c.labels[i]).join('/') || 'root'

  // Every world, as counts per (cohort, value), in one flat array.
  const total = binomial(c.cap + slots, slots)
  const worlds = new Uint8Array(total * slots)
  let filled = 0
  const current = new Uint8Array(slots)
  const fill = (slot: number, left: number) => {
    if (slot === slots) {
      worlds.set(current, filled++ * slots)
      return
    }
    for (let x = 0; x <= left; x++) {
      current[slot] = x
      fill(slot + 1, left - x)
    }
    current[slot] = 0
  }
  fill(0, c.cap)
  if (filled !== total) throw new Error(`enumerated ${filled} worlds, expected ${total}`)

  const cell = (w: number, i: number, j: number) => worlds[w * slots + i * m + j]
  const respondents = (w: number) =>
    Array.from({ length: n }, (_, i) => {
      let r = 0
      for (let j = 0; j < m; j++) r += cell(w, i, j)
      return r
    })
  const holds = (w: number) =>
    Array.from({ length: n }, (_, i) => {
      let mask = 0
      for (let j = 0; j < m; j++) if (cell(w, i, j) > 0) mask |= 1 << j
      return mask
    })
  const describe = (w: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        `${name(i)}{${values
          .map((v, j) => (cell(w, i, j) ? `${v}:${cell(w, i, j)}` : ''))
          .filter(Boolean)
          .join(',')}}`,
    ).join(' ')
  const setName = (s: number) =>
    Array.from({ length: n }, (_, i) => i)
      .filter((i) => s & (1 << i))
      .map(name)
      .join('+')

  const report: ReplayReport = {
    worlds: total,
    classes: 0,
    refused: 0,
    linear: 0,
    forced: 0,
    forcedAcross: 0,
    forcedAt: new Map(),
    dominance: { facts: 0, worlds: 0 },
    examples: { linear: [], forced: [], across: [] },
  }
  const note = (kind: keyof ReplayReport['examples'], text: string) => {
    if (report.examples[kind].length < 3) report.examples[kind].push(text)
  }

  interface Seen {
    respondentGroups: number[][]
    questionGroups: number[][]
    /** Per cohort, its set of cohorts never separated by groups showing the question (-1: none). */
    atomOf: number[]
    structure: string
  }
  const classIds = new Map<string, number>()
  const seen: Seen[] = []
  const classOf = new Int32Array(total)
  const partitions = new Map<string, number[][]>()
  const classesOf = (s: Seen, groups: number[][], which: string, live: number[]) => {
    const key = `${s.structure}|${which}|${live.map((r) => (r > 0 ? 1 : 0)).join('')}`
    let p = partitions.get(key)
    if (!p) {
      p = partition(
        groups,
        live.map((r) => r > 0),
      )
      partitions.set(key, p)
    }
    return p
  }

  for (let w = 0; w < total; w++) {
    const r = respondents(w)
    const counts = new Map(
      keys.map((key, i) => {
        const byValue: Record<string, number> = {}
        values.forEach((v, j) => {
          if (cell(w, i, j) > 0) byValue[v] = cell(w, i, j)
        })
        const histograms = new Map(r[i] > 0 ? [[c.question.id, { n: r[i], counts: byValue }]] : [])
        return [key.id, { respondents: r[i], histograms }]
      }),
    )
    let view: ReleasedView | undefined
    let canonical: string
    try {
      view = releaseView(
        { keys, attributes: c.attributes, k: c.k, questions: [c.question], counts },
        { rules },
      )
      canonical = JSON.stringify(view.cuts)
    } catch (error) {
      if ((error as Error).name !== 'ReleaseRefused') throw error
      report.refused++
      canonical = 'refused'
    }
    const digest = createHash('sha1').update(canonical).digest('base64')
    let id = classIds.get(digest)
    if (id === undefined) {
      id = seen.length
      classIds.set(digest, id)
      const respondentGroups = view ? releasedGroups(view, indexOf) : []
      const questionGroups = view ? releasedGroups(view, indexOf, c.question.id) : []
      const signature = Array.from({ length: n }, (_, i) =>
        questionGroups.flatMap((g, gi) => (g.includes(i) ? [gi] : [])).join(','),
      )
      const atomIds = new Map<string, number>()
      const atomOf = signature.map((s) => {
        if (s === '') return -1
        if (!atomIds.has(s)) atomIds.set(s, atomIds.size)
        return atomIds.get(s)!
      })
      const structure = JSON.stringify([respondentGroups, questionGroups])
      seen.push({ respondentGroups, questionGroups, atomOf, structure })
    }
    classOf[w] = id
    // The linear attacker: respondents, and the question's answerers (all respondents here).
    const s = seen[id]
    for (const [which, groups] of [
      ['respondents', s.respondentGroups],
      ['answers', s.questionGroups],
    ] as const) {
      const bad = classesOf(s, groups, which, r)
        .map((cohorts) => ({ cohorts, weight: cohorts.reduce((sum, i) => sum + r[i], 0) }))
        .filter(({ weight }) => weight > 0 && weight < c.k)
      if (bad.length > 0) {
        report.linear++
        const b = bad[0]
        note(
          'linear',
          `${which} of ${b.cohorts.map(name).join('+')} (${b.weight}) separated in ${describe(w)}`,
        )
      }
    }
  }
  report.classes = seen.length

  // The replaying attacker: per class and set S, the answers S can be without.
  const avoid = new Uint8Array(seen.length * subsets)
  const avoidRoster = new Uint8Array(seen.length * subsets)
  const inRoster = (r: number[]) => r.every((x, i) => x <= c.joined[i])
  const maskOf = (h: number[], s: number) =>
    h.reduce((acc, x, i) => (s & (1 << i) ? acc | x : acc), 0)
  for (let w = 0; w < total; w++) {
    const h = holds(w)
    const roster = inRoster(respondents(w))
    for (let s = 1; s < subsets; s++) {
      const without = full & ~maskOf(h, s)
      avoid[classOf[w] * subsets + s] |= without
      if (roster) avoidRoster[classOf[w] * subsets + s] |= without
    }
  }
  /** Minimal forced facts outside a unanimous cell, in world w, by the class's `without`. */
  const unexplained = (w: number, without: Uint8Array) => {
    const r = respondents(w)
    const h = holds(w)
    const id = classOf[w]
    const weight = (s: number) => r.reduce((acc, x, i) => (s & (1 << i) ? acc + x : acc), 0)
    const forced = (s: number) => full & ~without[id * subsets + s]
    const found: { across: boolean; text: string }[] = []
    for (let s = 1; s < subsets; s++) {
      const ws = weight(s)
      if (ws < 1 || ws >= c.k) continue
      for (let j = 0; j < m; j++) {
        if (!(forced(s) & (1 << j))) continue
        let minimal = true
        for (let t = (s - 1) & s; t > 0; t = (t - 1) & s) {
          if (weight(t) >= 1 && forced(t) & (1 << j)) minimal = false
        }
        if (!minimal) continue
        const atoms = new Set(
          Array.from({ length: n }, (_, i) => i)
            .filter((i) => s & (1 << i))
            .map((i) => seen[id].atomOf[i]),
        )
        const [atom] = atoms
        const unanimous =
          atoms.size === 1 &&
          atom >= 0 &&
          maskOf(
            h,
            seen[id].atomOf.reduce((acc, a, i) => (a === atom ? acc | (1 << i) : acc), 0),
          ) ===
            1 << j
        if (!unanimous) {
          const across = atoms.size > 1 || atom < 0
          found.push({ across, text: `${setName(s)} gave ${values[j]} in ${describe(w)}` })
        }
      }
    }
    return found
  }
  for (let w = 0; w < total; w++) {
    const free = unexplained(w, avoid)
    report.forced += free.length
    for (const f of free.filter((x) => x.across)) {
      report.forcedAcross++
      note('across', f.text)
    }
    if (free.length > 0) {
      note('forced', free[0].text)
      report.forcedAt.set(w, free[0].text)
    }
    if (!inRoster(respondents(w))) continue
    const bounded = unexplained(w, avoidRoster)
    report.dominance.facts += bounded.length
    if (bounded.length > 0) report.dominance.worlds++
    report.dominance.example ??= bounded[0]?.text
  }
  return report
}
