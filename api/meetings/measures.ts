// Balance of voices in one meeting, from its turns alone. Pure: no database, no clock.
// Seats are numbered 1..n and never linked to members.

/** One recorded turn: a seat, its start and (when known) its end, in ms from the meeting's start. */
export interface Turn {
  seat: number
  start: number
  end?: number | null
}

/** What one seat did: its turns, and the summed length of those whose end is known. */
export interface SeatTally {
  seat: number
  turns: number
  timedTurns: number
  speakingMs: number
}

export type Basis = 'turns' | 'time'
export type Balance = 'none' | 'balanced' | 'uneven' | 'poor'

export interface Measures {
  seats: number
  turns: number
  /** What Gini, entropy and shares are computed over: speaking time when every turn has an end. */
  basis: Basis
  perSeat: { seat: number; label: string; turns: number; speakingMs: number | null }[]
  topTwoShare: number | null
  silentSeats: number
  /** 0 = every seat equal; the most unequal meeting of n seats scores (n − 1)/n. */
  gini: number | null
  /** 1 = every seat equal, 0 = one seat only. */
  entropy: number | null
  turnsPerMinute: number | null
  balance: Balance
  summary: string
  suggestion: string | null
}

/** Per-seat tallies of `turns` for a meeting of `seats` seats (silent seats included, in seat order). */
export function tally(seats: number, turns: Turn[]): SeatTally[] {
  const out = Array.from({ length: seats }, (_, i) => ({
    seat: i + 1,
    turns: 0,
    timedTurns: 0,
    speakingMs: 0,
  }))
  for (const t of turns) {
    const s = out[t.seat - 1]
    if (!s) continue
    s.turns++
    if (t.end !== undefined && t.end !== null) {
      s.timedTurns++
      s.speakingMs += t.end - t.start
    }
  }
  return out
}

/**
 * Gini coefficient of `values` (mean absolute difference over twice the mean), zeros included:
 * 0 when all are equal, (n − 1)/n when one holds everything; null when all are zero.
 */
export function gini(values: number[]): number | null {
  const n = values.length
  const total = values.reduce((a, b) => a + b, 0)
  if (n === 0 || total <= 0) return null
  // Sorted ascending, Σᵢⱼ|xᵢ − xⱼ| = 2 Σᵢ (2i − n + 1) xᵢ (0-based i), one pass instead of n².
  const sorted = [...values].sort((a, b) => a - b)
  let weighted = 0
  sorted.forEach((x, i) => (weighted += (2 * i - n + 1) * x))
  return Math.max(0, weighted / (n * total))
}

/** Shannon entropy of the shares of `values` divided by ln n: 1 when equal; null when all are zero or n < 2. */
export function normalizedEntropy(values: number[]): number | null {
  const n = values.length
  const total = values.reduce((a, b) => a + b, 0)
  if (n < 2 || total <= 0) return null
  let h = 0
  for (const x of values) if (x > 0) h -= (x / total) * Math.log(x / total)
  return Math.min(1, Math.max(0, h / Math.log(n)))
}

const percent = (share: number) => `${Math.round(share * 100)}%`
const seatsWord = (n: number) => (n === 1 ? '1 seat' : `${n} seats`)

/** Poor when one voice dominates (Gini above 0.4) or more than a quarter of the seats stayed silent. */
function balanceOf(g: number | null, silent: number, seats: number): Balance {
  if (g === null) return 'none'
  if (g > 0.4 || silent > seats / 4) return 'poor'
  if (g >= 0.2 || silent > 0) return 'uneven'
  return 'balanced'
}

/** One concrete step for the next meeting, fitted to what went wrong. */
function suggestionFor(silent: number, topTwoShare: number, seats: number): string {
  if (silent > 0) {
    return 'Open the next meeting with a round: each seat says a sentence or two in turn before open discussion, so the quiet seats are heard early.'
  }
  if (seats > 3 && topTwoShare > 0.5) {
    return 'Try writing before speaking: give everyone two minutes to note their ideas, then hear one from each seat before the debate starts.'
  }
  return 'Rotate the facilitator: let someone who usually talks a lot run the next meeting, with the job of drawing the others in.'
}

export interface MeetingInput {
  labels: string[]
  tallies: SeatTally[]
  /** The meeting's length so far, for turns per minute. */
  durationMs: number
}

/** Every measure of one meeting, with a plain-words summary and, when the balance is poor, one suggestion. */
export function measure({ labels, tallies, durationMs }: MeetingInput): Measures {
  const seats = labels.length
  const turns = tallies.reduce((a, s) => a + s.turns, 0)
  const timed = tallies.reduce((a, s) => a + s.timedTurns, 0)
  const totalMs = tallies.reduce((a, s) => a + s.speakingMs, 0)
  const basis: Basis = turns > 0 && timed === turns && totalMs > 0 ? 'time' : 'turns'
  const values = tallies.map((s) => (basis === 'time' ? s.speakingMs : s.turns))
  const total = values.reduce((a, b) => a + b, 0)
  const silentSeats = tallies.filter((s) => s.turns === 0).length
  const g = gini(values)
  const topTwo = [...values]
    .sort((a, b) => b - a)
    .slice(0, 2)
    .reduce((a, b) => a + b, 0)
  const topTwoShare = total > 0 ? topTwo / total : null
  const balance = balanceOf(g, silentSeats, seats)
  return {
    seats,
    turns,
    basis,
    perSeat: tallies.map((s, i) => ({
      seat: s.seat,
      label: labels[i],
      turns: s.turns,
      speakingMs: s.timedTurns > 0 ? s.speakingMs : null,
    })),
    topTwoShare,
    silentSeats,
    gini: g,
    entropy: normalizedEntropy(values),
    turnsPerMinute: durationMs > 0 ? turns / (durationMs / 60_000) : null,
    balance,
    summary: summarize(values, silentSeats, basis),
    suggestion: balance === 'poor' ? suggestionFor(silentSeats, topTwoShare ?? 0, seats) : null,
  }
}

/**
 * "3 of 8 seats took 71% of turns; 2 seats never spoke." The seats named are those above an
 * equal share, so the sentence says how far the talk leaned towards a few.
 */
export function summarize(values: number[], silentSeats: number, basis: Basis): string {
  const n = values.length
  const total = values.reduce((a, b) => a + b, 0)
  if (total <= 0) return 'No turns recorded yet.'
  const what = basis === 'time' ? 'speaking time' : 'turns'
  const above = values.filter((x) => x * n > total * (1 + 1e-9))
  const silence = silentSeats > 0 ? `; ${seatsWord(silentSeats)} never spoke` : ''
  if (above.length === 0) return `All ${n} seats had an equal share of ${what}.`
  const share = above.reduce((a, b) => a + b, 0) / total
  return `${above.length} of ${n} seats took ${percent(share)} of ${what}${silence}.`
}
