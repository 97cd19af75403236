// Noise mode (DESIGN.md, point 6): exact discrete Laplace noise, after Canonne, Kamath and
// Steinke, "The Discrete Gaussian for Differential Privacy" (NeurIPS 2020), Algorithms 1 and 2.
// Every step compares uniform integers, so the distribution is exactly the one the privacy proof
// assumes: no floating-point Laplace (whose rounding leaks), no Math.random.

/** A uniform integer in [0, bound), for a positive bound. */
export type UniformBelow = (bound: bigint) => bigint

/** An exact positive rational. */
export interface Rational {
  num: bigint
  den: bigint
}

/** Uniform integers from any source of uniform 32-bit words, by rejection: unbiased for every bound. */
export function uniformFromWords(nextWord: () => number): UniformBelow {
  return (bound) => {
    if (bound < 1n) throw new RangeError('bound must be positive')
    if (bound === 1n) return 0n
    const bits = BigInt((bound - 1n).toString(2).length)
    for (;;) {
      let x = 0n
      for (let drawn = 0n; drawn < bits; drawn += 32n) x = (x << 32n) | BigInt(nextWord() >>> 0)
      x &= (1n << bits) - 1n
      if (x < bound) return x
    }
  }
}

const words = new Uint32Array(256)
let used = words.length

/** The default source: Web Crypto's getRandomValues. */
export const cryptoUniform: UniformBelow = uniformFromWords(() => {
  if (used === words.length) {
    globalThis.crypto.getRandomValues(words)
    used = 0
  }
  return words[used++]
})

/**
 * ε as an exact rational: the JS number rounded to the nearest multiple of 10⁻⁶ (so 1, 0.5, 0.1
 * are exact), in lowest terms. The guarantee holds for that rational, within 5·10⁻⁷ of ε.
 * Throws a RangeError for ε that is not finite or rounds to 0.
 */
export function epsilonToRational(epsilon: number): Rational {
  if (!Number.isFinite(epsilon) || epsilon <= 0) throw new RangeError('epsilon must be positive')
  const num = BigInt(Math.round(epsilon * 1e6))
  if (num === 0n) throw new RangeError('epsilon rounds to 0 at a precision of 1e-6')
  return lowest(num, 1_000_000n)
}

const rational = (epsilon: number | Rational) =>
  typeof epsilon === 'number' ? epsilonToRational(epsilon) : lowest(epsilon.num, epsilon.den)

/** What a question contributes to a group's release: its kind, and a multi question's options. */
export interface NoisedQuestion {
  kind: string
  options?: readonly string[]
}

/**
 * The L1 sensitivity of one group's release (its respondent count and every non-text question's
 * histogram, a multi question's n too) to one member adding, removing or replacing their whole
 * response: 1 for the respondent count, 2 per single-answer question (a replaced answer leaves
 * one bin and enters another), options + 1 per multi question (every option may flip, and n).
 */
export function releaseSensitivity(questions: readonly NoisedQuestion[]): number {
  return questions.reduce(
    (sum, q) => sum + (q.kind === 'multi' ? (q.options?.length ?? 0) + 1 : 2),
    1,
  )
}

/**
 * The ε of each count in a group's release: ε / `releaseSensitivity`. With discrete Laplace noise
 * at this ε on every count, one group's release is ε-differentially private for adding, removing
 * or replacing one response; each member is in one group per cut, so each cut of a pulse is too.
 */
export function countEpsilon(
  epsilon: number | Rational,
  questions: readonly NoisedQuestion[],
): Rational {
  const { num, den } = rational(epsilon)
  return lowest(num, den * BigInt(releaseSensitivity(questions)))
}

/** True with probability num/den, for 0 ≤ num/den ≤ 1. */
const bernoulli = (num: bigint, den: bigint, uniform: UniformBelow) => uniform(den) < num

/** True with probability exp(−γ), exactly, for a rational γ ≥ 0 (CKS 2020, Algorithm 1). */
export function bernoulliExp(gamma: Rational, uniform: UniformBelow = cryptoUniform): boolean {
  const { num, den } = gamma
  if (num < 0n || den <= 0n) throw new RangeError('gamma must be a non-negative rational')
  if (num <= den) {
    // P(the first failing Bernoulli(γ/K) has an odd K) = Σ (−γ)^j / j! = exp(−γ).
    let k = 1n
    while (bernoulli(num, den * k, uniform)) k++
    return k % 2n === 1n
  }
  for (let i = num / den; i > 0n; i--)
    if (!bernoulliExp({ num: 1n, den: 1n }, uniform)) return false
  return bernoulliExp({ num: num % den, den }, uniform)
}

/**
 * One draw of the discrete Laplace distribution, P(Z = z) ∝ exp(−ε·|z|) over all integers, exactly
 * (CKS 2020, Algorithm 2 with ε = s/t). ε is a JS number (see `epsilonToRational`) or an exact
 * rational; `uniform` defaults to Web Crypto and is injectable for tests.
 */
export function sampleDiscreteLaplace(
  epsilon: number | Rational,
  uniform: UniformBelow = cryptoUniform,
): number {
  const { num: s, den: t } = rational(epsilon)
  for (;;) {
    const u = uniform(t)
    if (!bernoulliExp({ num: u, den: t }, uniform)) continue
    // X = U + t·V is geometric, P(X = x) ∝ exp(−x/t); ⌊X/s⌋ is then geometric with exp(−s/t).
    let v = 0n
    while (bernoulliExp({ num: 1n, den: 1n }, uniform)) v++
    const y = (u + t * v) / s
    const negative = uniform(2n) === 1n
    if (negative && y === 0n) continue
    return Number(negative ? -y : y)
  }
}

/** A count plus discrete Laplace noise at ε, clamped at 0. */
export function noisyCount(
  count: number,
  epsilon: number | Rational,
  uniform: UniformBelow = cryptoUniform,
): number {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a count')
  return Math.max(0, count + sampleDiscreteLaplace(epsilon, uniform))
}

/**
 * Every bin plus independent discrete Laplace noise at `epsilon` (per count; see `countEpsilon`),
 * clamped at 0; the same keys. Sample once, at close, and store: a fresh draw per request would
 * average the noise away.
 */
export function noisyHistogram(
  counts: Record<string, number>,
  epsilon: number | Rational,
  uniform: UniformBelow = cryptoUniform,
): Record<string, number> {
  const perBin = rational(epsilon)
  return Object.fromEntries(
    Object.entries(counts).map(([value, count]) => [value, noisyCount(count, perBin, uniform)]),
  )
}

function lowest(num: bigint, den: bigint): Rational {
  if (num <= 0n || den <= 0n) throw new RangeError('epsilon must be a positive rational')
  let [a, b] = [num, den]
  while (b !== 0n) [a, b] = [b, a % b]
  return { num: num / a, den: den / a }
}
