// Raw RSA (RSASP1, m^d mod n) from node:crypto for the blind signer: OpenSSL's private-key
// operation without padding, with its CRT speed-up and base blinding against timing attacks, on
// worker threads (rsa-threads.ts); and OpenSSL's PSS verification for submitted tokens. The only
// Node-specific piece of blind signing; api/privacy stays runtime-neutral.
import {
  constants,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  publicEncrypt,
  verify,
} from 'node:crypto'
import { keyIdOf, type RawRsa } from '../privacy/blind-signing'
import { Lru } from '../privacy/lru'
import { rsaThreads } from './rsa-threads'

const publicKeys = new Lru<KeyObject>(256)
const threads = rsaThreads()

/** RSASP1 through OpenSSL: `privateDecrypt` with RSA_NO_PADDING is exactly m^d mod n. */
export const nodeRawRsa: RawRsa<KeyObject> = {
  path: 'node-raw-rsa',
  async importKey(privateKeyPkcs8) {
    return createPrivateKey({ key: Buffer.from(privateKeyPkcs8), format: 'der', type: 'pkcs8' })
  },
  rsasp1: (key, message) => threads.rsasp1(key, message),
  // On libuv's thread pool (the callback form), so the event loop goes on serving requests
  // while OpenSSL checks the signature.
  verifyPss(publicKeySpki, message, signature) {
    const options = {
      key: publicKeyOf(publicKeySpki),
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 48,
    }
    return new Promise<boolean>((resolve, reject) =>
      verify('sha384', message, options, signature, (error, valid) =>
        error ? reject(error) : resolve(valid),
      ),
    )
  },
  // OpenSSL's public operation without padding is exactly s^e mod n (it refuses s ≥ n).
  rsavp1(publicKeySpki, signature) {
    const m = publicEncrypt(
      { key: publicKeyOf(publicKeySpki), padding: constants.RSA_NO_PADDING },
      signature,
    )
    return new Uint8Array(m.buffer, m.byteOffset, m.byteLength)
  },
}

/** The public key as OpenSSL holds it, imported once per key. */
function publicKeyOf(publicKeySpki: Uint8Array): KeyObject {
  const keyId = keyIdOf(publicKeySpki)
  let key = publicKeys.get(keyId)
  if (!key)
    publicKeys.set(
      keyId,
      (key = createPublicKey({ key: Buffer.from(publicKeySpki), format: 'der', type: 'spki' })),
    )
  return key
}
