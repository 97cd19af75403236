// Raw RSA (RSASP1, m^d mod n) from node:crypto for the blind signer: OpenSSL's private-key
// operation without padding, with its CRT speed-up and base blinding against timing attacks; and
// OpenSSL's PSS verification for submitted tokens. The only Node-specific piece of blind signing;
// api/privacy stays runtime-neutral.
import { constants, createPrivateKey, createPublicKey, type KeyObject, privateDecrypt, verify } from 'node:crypto'
import { keyIdOf, type RawRsa } from './privacy/blind-signing'
import { Lru } from './privacy/rsa'

const publicKeys = new Lru<KeyObject>(256)

/** RSASP1 through OpenSSL: `privateDecrypt` with RSA_NO_PADDING is exactly m^d mod n. */
export const nodeRawRsa: RawRsa<KeyObject> = {
  path: 'node-raw-rsa',
  async importKey(privateKeyPkcs8) {
    return createPrivateKey({ key: Buffer.from(privateKeyPkcs8), format: 'der', type: 'pkcs8' })
  },
  async rsasp1(key, message) {
    const signature = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, message)
    return new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength)
  },
  // Synchronous: Web Crypto's verify is a thread-pool round trip costing more than the check.
  verifyPss(publicKeySpki, message, signature) {
    const keyId = keyIdOf(publicKeySpki)
    let key = publicKeys.get(keyId)
    if (!key) publicKeys.set(keyId, (key = createPublicKey({ key: Buffer.from(publicKeySpki), format: 'der', type: 'spki' })))
    const options = { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }
    return verify('sha384', message, options, signature)
  },
}
