// Raw RSA (RSASP1, m^d mod n) from node:crypto for the blind signer: OpenSSL's private-key
// operation without padding, with its CRT speed-up and base blinding against timing attacks.
// The only Node-specific piece of blind signing; api/privacy stays runtime-neutral.
import { constants, createPrivateKey, type KeyObject, privateDecrypt } from 'node:crypto'
import type { RawRsa } from './privacy/blind-signing'

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
}
