// A small QR code encoder (ISO/IEC 18004): byte mode, error correction level L, versions 1–40,
// after Project Nayuki's reference design (MIT), cut down to what a link needs. Loaded only
// with the "move to another device" panel.

// Per version 1–40 at level L: error-correction codewords per block, and number of blocks.
// prettier-ignore
const ECC = [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28,
  28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]
// prettier-ignore
const BLOCKS = [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12,
  12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25]

/** Codewords (data and error correction) a version holds. */
function rawBytes(v: number) {
  let n = (16 * v + 128) * v + 64
  if (v >= 2) {
    const a = Math.floor(v / 7) + 2
    n -= (25 * a - 10) * a - 55
    if (v >= 7) n -= 36
  }
  return n >> 3
}
const dataBytes = (v: number) => rawBytes(v) - ECC[v - 1] * BLOCKS[v - 1]

/** GF(2^8) product modulo x^8 + x^4 + x^3 + x^2 + 1. */
function mul(x: number, y: number) {
  let z = 0
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d)
    z ^= ((y >>> i) & 1) * x
  }
  return z
}

/** Reed–Solomon error-correction codewords for `data`. */
function errorCorrection(data: number[], degree: number): number[] {
  const div = Array<number>(degree).fill(0)
  div[degree - 1] = 1
  for (let i = 0, root = 1; i < degree; i++, root = mul(root, 2)) {
    for (let j = 0; j < degree; j++) div[j] = mul(div[j], root) ^ (div[j + 1] ?? 0)
  }
  const r = Array<number>(degree).fill(0)
  for (const b of data) {
    const f = b ^ r.shift()!
    r.push(0)
    div.forEach((c, i) => (r[i] ^= mul(c, f)))
  }
  return r
}

/** The smallest version holding `bytes`, and its codewords in the order they are placed. */
function codewords(bytes: Uint8Array): { v: number; words: number[] } {
  let v = 1
  const countBits = () => (v < 10 ? 8 : 16)
  while (4 + countBits() + bytes.length * 8 > dataBytes(v) * 8) {
    if (++v > 40) throw new Error('too long for a QR code')
  }
  const bits: number[] = []
  const put = (val: number, len: number) => {
    for (let i = len - 1; i >= 0; i--) bits.push((val >>> i) & 1)
  }
  put(4, 4) // byte mode
  put(bytes.length, countBits())
  bytes.forEach((b) => put(b, 8))
  const cap = dataBytes(v) * 8
  put(0, Math.min(4, cap - bits.length))
  put(0, (8 - (bits.length % 8)) % 8)
  for (let pad = 0xec; bits.length < cap; pad ^= 0xec ^ 0x11) put(pad, 8)
  const data: number[] = []
  for (let i = 0; i < bits.length; i += 8) data.push(parseInt(bits.slice(i, i + 8).join(''), 2))
  // Blocks (the last ones one byte longer), each with its error correction, interleaved.
  const nb = BLOCKS[v - 1]
  const ecc = ECC[v - 1]
  const short = nb - (rawBytes(v) % nb)
  const shortLen = Math.floor(rawBytes(v) / nb) - ecc
  const blocks: number[][] = []
  for (let i = 0, k = 0; i < nb; i++) {
    const d = data.slice(k, (k += shortLen + (i < short ? 0 : 1)))
    blocks.push([...d, ...(i < short ? [-1] : []), ...errorCorrection(d, ecc)])
  }
  const words: number[] = []
  for (let i = 0; i < blocks[0].length; i++) for (const b of blocks) if (b[i] >= 0) words.push(b[i])
  return { v, words }
}

const masks: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
]

/** The dark (true) and light modules of a QR code holding `text` as UTF-8, row by row. */
export function qrMatrix(text: string): boolean[][] {
  const { v, words } = codewords(new TextEncoder().encode(text))
  const size = v * 4 + 17
  const dark = [...Array(size)].map(() => Array<boolean>(size).fill(false))
  const fixed = [...Array(size)].map(() => Array<boolean>(size).fill(false))
  const set = (x: number, y: number, on: boolean) => {
    dark[y][x] = on
    fixed[y][x] = true
  }
  const square = (cx: number, cy: number, r: number, on: (ring: number) => boolean) => {
    for (let y = Math.max(0, cy - r); y <= Math.min(size - 1, cy + r); y++) {
      for (let x = Math.max(0, cx - r); x <= Math.min(size - 1, cx + r); x++) {
        set(x, y, on(Math.max(Math.abs(x - cx), Math.abs(y - cy))))
      }
    }
  }
  // Timing, finder and alignment patterns.
  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0)
    set(i, 6, i % 2 === 0)
  }
  const finder = (ring: number) => ring !== 2 && ring !== 4
  square(3, 3, 4, finder)
  square(size - 4, 3, 4, finder)
  square(3, size - 4, 4, finder)
  if (v > 1) {
    const n = Math.floor(v / 7) + 2
    const step = Math.floor((v * 8 + n * 3 + 5) / (n * 4 - 4)) * 2
    const pos = [6]
    for (let p = size - 7; pos.length < n; p -= step) pos.splice(1, 0, p)
    pos.forEach((x, i) =>
      pos.forEach((y, j) => {
        const corner = (i === 0 && (j === 0 || j === n - 1)) || (i === n - 1 && j === 0)
        if (!corner) square(x, y, 2, (ring) => ring !== 1)
      }),
    )
  }
  // Format (level L and the mask, twice) and version information.
  const format = (mask: number) => {
    const d = (1 << 3) | mask
    let r = d
    for (let i = 0; i < 10; i++) r = (r << 1) ^ ((r >>> 9) * 0x537)
    const bits = ((d << 10) | r) ^ 0x5412
    for (let i = 0; i < 15; i++) {
      const on = ((bits >>> i) & 1) === 1
      set(8, i < 6 ? i : i < 8 ? i + 1 : size - 15 + i, on)
      set(i < 8 ? size - 1 - i : i < 9 ? 7 : 14 - i, 8, on)
    }
    set(8, size - 8, true)
  }
  format(0)
  if (v >= 7) {
    let r = v
    for (let i = 0; i < 12; i++) r = (r << 1) ^ ((r >>> 11) * 0x1f25)
    const bits = (v << 12) | r
    for (let i = 0; i < 18; i++) {
      const on = ((bits >>> i) & 1) === 1
      set(size - 11 + (i % 3), Math.floor(i / 3), on)
      set(Math.floor(i / 3), size - 11 + (i % 3), on)
    }
  }
  // Codewords, in the zigzag of two-module columns from the bottom right.
  let i = 0
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5
    for (let vert = 0; vert < size; vert++) {
      for (const x of [right, right - 1]) {
        const y = ((right + 1) & 2) === 0 ? size - 1 - vert : vert
        if (fixed[y][x] || i >= words.length * 8) continue
        dark[y][x] = ((words[i >>> 3] >>> (7 - (i & 7))) & 1) === 1
        i++
      }
    }
  }
  // The mask with the lowest penalty.
  const apply = (m: number) => {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) if (!fixed[y][x] && masks[m](x, y)) dark[y][x] = !dark[y][x]
    }
    format(m)
  }
  const scores = masks.map((_, m) => {
    apply(m)
    const score = penalty(dark)
    apply(m) // undoes the mask; format is rewritten below
    return score
  })
  apply(scores.indexOf(Math.min(...scores)))
  return dark
}

/** ISO 18004's penalty rules 1, 2 and 4 (runs, 2×2 blocks, balance); rule 3 is left out. */
function penalty(m: boolean[][]): number {
  const n = m.length
  let score = 0
  let darkCount = 0
  for (let a = 0; a < n; a++) {
    for (let b = 0, row = 1, col = 1; b < n; b++) {
      if (m[a][b]) darkCount++
      row = b > 0 && m[a][b] === m[a][b - 1] ? row + 1 : 1
      col = b > 0 && m[b][a] === m[b - 1][a] ? col + 1 : 1
      score += (row === 5 ? 3 : row > 5 ? 1 : 0) + (col === 5 ? 3 : col > 5 ? 1 : 0)
      const c = m[a][b]
      if (a && b && c === m[a - 1][b] && c === m[a][b - 1] && c === m[a - 1][b - 1]) score += 3
    }
  }
  return score + Math.floor(Math.abs(darkCount * 20 - n * n * 10) / (n * n)) * 10
}

/** An SVG path of the dark modules, in runs, offset by a 4-module quiet zone. */
export function qrPath(matrix: boolean[][]): string {
  let d = ''
  matrix.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      let w = 0
      while (row[x + w]) w++
      if (w) d += `M${x + 4} ${y + 4}h${w}v1h-${w}z`
      x += w
    }
  })
  return d
}
