import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  bernoulliExp,
  cryptoUniform,
  countEpsilon,
  epsilonToRational,
  noisyCount,
  noisyHistogram,
  sampleDiscreteLaplace,
  uniformFromWords,
  type UniformBelow,
} from '../../../api/privacy/noise'
import { mulberry32 } from '../../helpers/random'

const test = suite('noise')

/** A seeded source of uniform integers: mulberry32's 32-bit words through the same rejection. */
const seeded = (seed: number): UniformBelow => {
  const next = mulberry32(seed)
  return uniformFromWords(() => Math.floor(next() * 2 ** 32))
}

const draws = 20_000

/**
 * The exact moments of the discrete Laplace distribution, P(z) = (1−q)/(1+q)·q^|z| with
 * q = e^−ε, summed far into the tail (q^2000 is far below double precision).
 */
function moments(epsilon: number) {
  const q = Math.exp(-epsilon)
  const p = (z: number) => ((1 - q) / (1 + q)) * q ** Math.abs(z)
  let m2 = 0
  let m4 = 0
  for (let z = 1; z < 2000; z++) {
    m2 += 2 * p(z) * z ** 2
    m4 += 2 * p(z) * z ** 4
  }
  return { q, p0: p(0), variance: m2, m4 }
}

test('converts ε to an exact rational at a precision of 1e-6', () => {
  assert.equal(epsilonToRational(1), { num: 1n, den: 1n })
  assert.equal(epsilonToRational(0.5), { num: 1n, den: 2n })
  assert.equal(epsilonToRational(0.1), { num: 1n, den: 10n })
  assert.equal(epsilonToRational(1 / 3), { num: 333333n, den: 1000000n })
  for (const bad of [0, -1, Number.NaN, Infinity, 1e-7]) {
    assert.throws(() => epsilonToRational(bad), RangeError)
  }
})

test('divides ε by what one whole response can move: 1 + 2 per single answer + options + 1 per multi', () => {
  const likert = { kind: 'likert5' }
  const multi = { kind: 'multi', options: ['a', 'b', 'c'] }
  assert.equal(countEpsilon(1, []), { num: 1n, den: 1n })
  assert.equal(countEpsilon(1, [likert, likert]), { num: 1n, den: 5n })
  assert.equal(countEpsilon(0.5, [likert, multi]), { num: 1n, den: 14n })
  assert.equal(countEpsilon({ num: 3n, den: 2n }, [{ kind: 'yesno' }]), { num: 1n, den: 2n })
})

test('draws unbiased uniform integers by rejection', () => {
  // A source of words that a modulo reduction would bias: all below 2^32 − 1.
  const uniform = seeded(1)
  const counts = [0, 0, 0]
  for (let i = 0; i < 30_000; i++) counts[Number(uniform(3n))]++
  for (const n of counts)
    assert.ok(Math.abs(n - 10_000) < 5 * Math.sqrt(30_000 * (2 / 9)), `${counts}`)
  assert.is(uniform(1n), 0n)
  const big = 2n ** 70n + 5n
  for (let i = 0; i < 200; i++) assert.ok(uniform(big) < big)
  assert.throws(() => uniform(0n), RangeError)
  // Rejects rather than reduces: the words 7, 7, 2 with bound 5 (3 bits) give 2.
  const words = [7, 7, 2]
  assert.is(uniformFromWords(() => words.shift()!)(5n), 2n)
})

test('samples Bernoulli(exp(−γ)) with the right frequency', () => {
  const uniform = seeded(2)
  for (const [num, den] of [
    [0n, 1n],
    [1n, 3n],
    [1n, 1n],
    [5n, 2n],
    [7n, 3n],
  ]) {
    let ones = 0
    for (let i = 0; i < draws; i++) if (bernoulliExp({ num, den }, uniform)) ones++
    const p = Math.exp(-Number(num) / Number(den))
    // Five standard errors of a binomial frequency: a seeded run, so this is a check, not a coin.
    const tolerance = 5 * Math.sqrt((p * (1 - p)) / draws) + 1e-9
    assert.ok(Math.abs(ones / draws - p) <= tolerance, `γ = ${num}/${den}: ${ones / draws} vs ${p}`)
  }
  assert.throws(() => bernoulliExp({ num: -1n, den: 1n }, uniform), RangeError)
})

for (const epsilon of [0.5, 1, 2]) {
  test(`samples the discrete Laplace distribution at ε = ${epsilon}`, () => {
    const uniform = seeded(1000 + epsilon * 10)
    const zs = Array.from({ length: draws }, () => sampleDiscreteLaplace(epsilon, uniform))
    assert.ok(zs.every(Number.isSafeInteger))
    const { q, p0, variance, m4 } = moments(epsilon)
    assert.ok(Math.abs(variance - (2 * q) / (1 - q) ** 2) < 1e-9 * variance)
    const mean = zs.reduce((s, z) => s + z, 0) / draws
    const sampleVariance = zs.reduce((s, z) => s + (z - mean) ** 2, 0) / (draws - 1)
    // Tolerances of five standard errors from the exact moments: the mean's SE is √(Var/n), the
    // sample variance's SE is √((μ4 − Var²)/n) (μ4 the fourth central moment).
    const meanTolerance = 5 * Math.sqrt(variance / draws)
    const varianceTolerance = 5 * Math.sqrt((m4 - variance ** 2) / draws)
    console.log(
      `  ε = ${epsilon}: mean ${mean.toFixed(4)} (±${meanTolerance.toFixed(3)}), variance ` +
        `${sampleVariance.toFixed(3)} vs ${variance.toFixed(3)} (±${varianceTolerance.toFixed(3)})`,
    )
    assert.ok(Math.abs(mean) <= meanTolerance, `mean ${mean}`)
    assert.ok(
      Math.abs(sampleVariance - variance) <= varianceTolerance,
      `variance ${sampleVariance}`,
    )
    // Symmetric: as many above 0 as below, and P(0) and P(±1) as the formula says.
    const share = (f: (z: number) => boolean) => zs.filter(f).length / draws
    const se = (p: number) => 5 * Math.sqrt((p * (1 - p)) / draws)
    const positive = share((z) => z > 0)
    const negative = share((z) => z < 0)
    assert.ok(Math.abs(positive - negative) <= 2 * se((1 - p0) / 2), `${positive} vs ${negative}`)
    assert.ok(Math.abs(share((z) => z === 0) - p0) <= se(p0))
    for (const z of [1, -1, 2, -2]) {
      const p = p0 * q ** Math.abs(z)
      assert.ok(Math.abs(share((x) => x === z) - p) <= se(p), `P(${z})`)
    }
  })
}

test('accepts an exact rational ε and draws from crypto by default', () => {
  const uniform = seeded(3)
  const exact = Array.from({ length: 2000 }, () =>
    sampleDiscreteLaplace({ num: 1n, den: 1n }, uniform),
  )
  assert.ok(exact.some((z) => z > 0) && exact.some((z) => z < 0))
  const fromCrypto = Array.from({ length: 2000 }, () => sampleDiscreteLaplace(1))
  assert.ok(fromCrypto.some((z) => z !== 0))
  assert.ok(cryptoUniform(10n) < 10n)
})

test('clamps noisy counts at 0 and keeps the histogram keys', () => {
  const uniform = seeded(4)
  let zeros = 0
  for (let i = 0; i < 2000; i++) {
    const noisy = noisyHistogram({ '1': 0, '2': 3, __proto__x: 1 }, 0.1, uniform)
    assert.equal(Object.keys(noisy), ['1', '2', '__proto__x'])
    assert.ok(Object.values(noisy).every((n) => Number.isSafeInteger(n) && n >= 0))
    if (noisy['1'] === 0) zeros++
  }
  // Count 0 stays 0 whenever the noise is ≤ 0: with probability 1/2 + P(0)/2.
  const p = 0.5 + moments(0.1).p0 / 2
  assert.ok(Math.abs(zeros - 2000 * p) <= 5 * Math.sqrt(2000 * p * (1 - p)), `${zeros}`)
  assert.ok(noisyCount(0, 0.1, uniform) >= 0)
  assert.throws(() => noisyCount(-1, 1, uniform), RangeError)
})

test('noises every bin at the ε it is given', () => {
  const spread = (epsilon: number) => {
    const uniform = seeded(5)
    const values = Array.from(
      { length: 4000 },
      () => noisyHistogram({ a: 100 }, epsilon, uniform).a,
    )
    return values.reduce((s, v) => s + (v - 100) ** 2, 0) / values.length
  }
  const { variance: one } = moments(1)
  const { variance: third } = moments(1 / 3)
  assert.ok(Math.abs(spread(1) - one) < 0.15 * one)
  assert.ok(Math.abs(spread(1 / 3) - third) < 0.15 * third)
})

test.run()
