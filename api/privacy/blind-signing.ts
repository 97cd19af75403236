// The server side of RFC 9474 blind signatures, suite RSABSSA-SHA384-PSS-Randomized. The server
// signs blinded messages it cannot read, so no issued token can later be joined to its member.
// Runtime-neutral: Web Crypto, @cloudflare/blindrsa-ts and @noble/hashes only; raw RSA (and, where
// a runtime has them, faster checks) is plugged in by callers.
import { RSABSSA } from '@cloudflare/blindrsa-ts'
import { sha256 } from '@noble/hashes/sha2.js'
import { toBase64Url } from './base64url'
import { cached, Lru } from './lru'
import { copy, modPow, os2ip, publicKeyOf, type PublicKey } from './rsa'

const suite = RSABSSA.SHA384.PSS.Randomized()
const rawSuite = RSABSSA.SHA384.PSS.Randomized({ supportsRSARAW: true })

/** RFC 9474 BlindSign input errors: the blinded message is not a valid representative mod n. */
export class InvalidBlindedMessageError extends Error {
  override name = 'InvalidBlindedMessageError'
  constructor(reason: 'unexpected input size' | 'message representative out of range') {
    super(reason)
  }
}

/** RFC 9474 "signing failure": the signature did not verify, or the key could not be used. */
export class BlindSigningError extends Error {
  override name = 'BlindSigningError'
  constructor(options?: ErrorOptions) {
    super('signing failure', options)
  }
}

export interface CohortKey {
  /** base64url SHA-256 of the SPKI bytes. */
  keyId: string
  /** base64url SPKI DER of an RSA-PSS SHA-384 key, as Web Crypto exports it. */
  publicKey: string
  /** PKCS#8 DER; seal it before it touches storage. */
  privateKey: Uint8Array
}

/** Makes a fresh RSA-2048 (e = 65537) cohort key; its keyId is determined by its public key. */
export async function generateCohortKey(): Promise<CohortKey> {
  const keys = await RSABSSA.SHA384.generateKey({
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
  })
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey))
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey))
  return { keyId: keyIdOf(spki), publicKey: toBase64Url(spki), privateKey: pkcs8 }
}

/** The keyId of a public key: base64url (no padding) SHA-256 of its SPKI bytes. */
export function keyIdOf(publicKeySpki: Uint8Array): string {
  return toBase64Url(sha256(publicKeySpki))
}

/**
 * RSASP1 (m^d mod n) from some runtime, split into a once-per-key import and the operation so
 * imported keys can be cached. `rsasp1` gets a message of the modulus length, below n.
 */
export interface RawRsa<K> {
  readonly path: string
  importKey(privateKeyPkcs8: Uint8Array): Promise<K>
  rsasp1(key: K, message: Uint8Array): Promise<Uint8Array>
  /**
   * Optional, where the runtime has one faster than Web Crypto's: RSASSA-PSS-VERIFY with SHA-384,
   * MGF1-SHA-384 and a 48-byte salt. True exactly for a valid signature; may throw (or reject)
   * for garbage.
   */
  verifyPss?(
    publicKeySpki: Uint8Array,
    message: Uint8Array,
    signature: Uint8Array,
  ): boolean | Promise<boolean>
  /** Optional, likewise: RSAVP1 (s^e mod n) as modulus-length bytes; may throw for s ≥ n. */
  rsavp1?(publicKeySpki: Uint8Array, signature: Uint8Array): Uint8Array
}

/** workerd's non-standard RSA-RAW algorithm, through blindrsa-ts' supportsRSARAW path. */
export const workerdRawRsa: RawRsa<CryptoKey> = {
  path: 'workerd-rsa-raw',
  importKey: (pkcs8) =>
    crypto.subtle.importKey('pkcs8', copy(pkcs8), { name: 'RSA-RAW', hash: 'SHA-384' }, false, [
      'sign',
    ]),
  // Given a key already imported as RSA-RAW, the library signs without re-importing it.
  rsasp1: (key, message) => rawSuite.blindSign(key, message),
}

/** The library's portable path: RSASP1 in JavaScript big numbers (slow, but runs anywhere). */
export const blindrsaDefault: RawRsa<CryptoKey> = {
  path: 'blindrsa-default',
  // blindrsa-ts reads the private exponent through a JWK export, so the key must be extractable.
  importKey: (pkcs8) =>
    crypto.subtle.importKey('pkcs8', copy(pkcs8), { name: 'RSA-PSS', hash: 'SHA-384' }, true, [
      'sign',
    ]),
  rsasp1: (key, message) => suite.blindSign(key, message),
}

/**
 * True when this runtime's Web Crypto knows RSA-RAW (Cloudflare workerd). Detected by importing
 * junk: an unknown algorithm fails with NotSupportedError before the data is read, a known one
 * with DataError. Anything unexpected counts as unsupported, falling back to the portable path.
 */
export async function supportsRsaRaw(): Promise<boolean> {
  try {
    await crypto.subtle.importKey('pkcs8', new Uint8Array(3), { name: 'RSA-RAW' }, false, ['sign'])
    return false
  } catch (error) {
    return (error as Error)?.name === 'DataError'
  }
}

export interface BlindSigner {
  /**
   * RFC 9474 BlindSign: returns the blind signature (modulus length) after checking that it
   * verifies under the public key. Throws InvalidBlindedMessageError for a blinded message that
   * is not of the modulus length or not below n, BlindSigningError if signing fails.
   * `privateKeyPkcs8` is asked for the private key only when this signer does not hold it
   * imported already, so a sealed key is opened once, not per signature.
   */
  sign(
    privateKeyPkcs8: () => Promise<Uint8Array>,
    publicKeySpki: Uint8Array,
    blindedMsg: Uint8Array,
  ): Promise<Uint8Array>
  /** `verifyToken`, through the runtime's faster verification where it has one. Never throws. */
  verify(publicKeySpki: Uint8Array, token: Uint8Array, signature: Uint8Array): Promise<boolean>
  /**
   * Drops the imported private key of this public key, if held (a pulse closed). The runtime's
   * garbage collector frees it; JavaScript cannot overwrite key material in place.
   */
  forget(publicKeySpki: Uint8Array): void
  /** Which RSASP1 implementation signs: "node-raw-rsa", "workerd-rsa-raw", "blindrsa-default". */
  readonly path: string
}

/**
 * A blind signer over `rawRsa` when given (Node: api/node-raw-rsa, workerd: `workerdRawRsa`),
 * else over the library's portable path. Imported keys are cached per keyId, at most
 * `cacheSize` (256) of them, least recently used first out.
 */
export function createBlindSigner<K = CryptoKey>(
  options: { rawRsa?: RawRsa<K>; cacheSize?: number } = {},
): BlindSigner {
  return signerOver<K | CryptoKey>(options.rawRsa ?? blindrsaDefault, options.cacheSize ?? 256)
}

/** `createBlindSigner` with the fastest path this runtime offers unless `rawRsa` is given. */
export async function createRuntimeBlindSigner<K>(
  options: { rawRsa?: RawRsa<K>; cacheSize?: number } = {},
): Promise<BlindSigner> {
  if (options.rawRsa || !(await supportsRsaRaw())) return createBlindSigner(options)
  return createBlindSigner({ ...options, rawRsa: workerdRawRsa })
}

function signerOver<K>(rawRsa: RawRsa<K>, cacheSize: number): BlindSigner {
  const privateKeys = new Lru<Promise<K>>(cacheSize)
  const { verifyPss } = rawRsa
  return {
    path: rawRsa.path,
    forget(publicKeySpki) {
      privateKeys.delete(keyIdOf(publicKeySpki))
    },
    async verify(publicKeySpki, token, signature) {
      if (!verifyPss) return verifyToken(publicKeySpki, token, signature)
      try {
        return await verifyPss(publicKeySpki, token, signature)
      } catch {
        return false
      }
    },
    async sign(privateKeyPkcs8, publicKeySpki, blindedMsg) {
      const keyId = keyIdOf(publicKeySpki)
      const publicKey = await publicKeyOf(keyId, publicKeySpki).catch((cause) => {
        throw new BlindSigningError({ cause })
      })
      const { n, kLen } = publicKey
      if (blindedMsg.length !== kLen) throw new InvalidBlindedMessageError('unexpected input size')
      const m = os2ip(blindedMsg)
      if (m >= n) throw new InvalidBlindedMessageError('message representative out of range')
      let signature: Uint8Array
      try {
        const key = await cached(privateKeys, keyId, async () =>
          rawRsa.importKey(copy(await privateKeyPkcs8())),
        )
        signature = await rawRsa.rsasp1(key, copy(blindedMsg))
      } catch (cause) {
        privateKeys.delete(keyId)
        throw new BlindSigningError({ cause })
      }
      // RFC 9474 §4.3 steps 3–4: a faulty signature can leak the private key, so it never leaves.
      if (!opensTo(rawRsa, signature, blindedMsg, publicKeySpki, publicKey)) {
        privateKeys.delete(keyId)
        throw new BlindSigningError()
      }
      return signature
    },
  }
}

/** True when the signature has the modulus length, is below n and s^e mod n is `blindedMsg`. */
function opensTo<K>(
  rawRsa: RawRsa<K>,
  signature: Uint8Array,
  blindedMsg: Uint8Array,
  spki: Uint8Array,
  { n, e, kLen }: PublicKey,
): boolean {
  if (signature.length !== kLen) return false
  if (!rawRsa.rsavp1) {
    const s = os2ip(signature)
    return s < n && modPow(s, e, n) === os2ip(blindedMsg)
  }
  try {
    return equalBytes(rawRsa.rsavp1(spki, signature), blindedMsg)
  } catch {
    return false
  }
}

/** Byte equality (of public values: the signature check's result is not secret). */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}

/**
 * True exactly when `signature` is a valid RSASSA-PSS (SHA-384, 48-byte salt) signature of
 * `token`, the prepared message, under the public key. Never throws: garbage gives false.
 */
export async function verifyToken(
  publicKeySpki: Uint8Array,
  token: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  try {
    const { key, kLen } = await publicKeyOf(keyIdOf(publicKeySpki), publicKeySpki)
    if (signature.length !== kLen) return false
    return await suite.verify(key, copy(signature), copy(token))
  } catch {
    return false
  }
}
