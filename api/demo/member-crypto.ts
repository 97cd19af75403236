// The members' side of the token protocol for the demo: the real client
// (web/member/token-client.ts), in this thread or in worker threads beside the server.
import { Worker } from 'node:worker_threads'
import {
  finalizeToken,
  importPublicKey,
  prepareToken,
  type PreparedToken,
  type SignedToken,
} from '../../web/member/token-client'

/** A failure with a message meant for the person running the demo. */
export class DemoError extends Error {
  override name = 'DemoError'
}

/** The members' side of the token protocol: the real client (web/member/token-client.ts). */
export interface MemberCrypto {
  prepare(publicKey: string): Promise<PreparedToken>
  finalize(prepared: PreparedToken, publicKey: string, blindSig: string): Promise<SignedToken>
  close(): Promise<void>
}

/** The client in this thread; each cohort key is imported once, as the member page does per pulse. */
export function inThreadCrypto(): MemberCrypto {
  const imported = new Map<string, Promise<CryptoKey>>()
  const key = (publicKey: string) => {
    if (!imported.has(publicKey)) {
      if (imported.size >= 32) imported.clear()
      imported.set(publicKey, importPublicKey(publicKey))
    }
    return imported.get(publicKey)!
  }
  return {
    prepare: async (publicKey) => prepareToken(await key(publicKey)),
    finalize: async (prepared, publicKey, blindSig) =>
      finalizeToken(prepared, await key(publicKey), blindSig),
    close: async () => {},
  }
}

type CryptoRequest =
  | { id: number; op: 'prepare'; publicKey: string }
  | { id: number; op: 'finalize'; publicKey: string; prepared: PreparedToken; blindSig: string }
type CryptoReply = { id: number; result?: unknown; error?: string }
type Unsent = CryptoRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never

// A worker loads only the member client (through tsx, which workers do not inherit in Node 20)
// and answers prepare / finalize requests, importing each cohort key once.
const workerSource = (tsxApi: string, tokenClient: string) => `
const { parentPort } = require('node:worker_threads')
const ready = import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(tokenClient)}, ${JSON.stringify(import.meta.url)}))
const keys = new Map()
parentPort.on('message', async (request) => {
  try {
    const client = await ready
    if (!keys.has(request.publicKey)) {
      if (keys.size >= 32) keys.clear()
      keys.set(request.publicKey, client.importPublicKey(request.publicKey))
    }
    const key = await keys.get(request.publicKey)
    const result = request.op === 'prepare'
      ? await client.prepareToken(key)
      : await client.finalizeToken(request.prepared, key, request.blindSig)
    parentPort.postMessage({ id: request.id, result })
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: String(error && error.message || error) })
  }
})
`

/**
 * The same client in worker threads: blinding is big-number arithmetic in JavaScript, so on a
 * machine with several cores the members' "browsers" run beside the server instead of taking
 * turns with it on one thread.
 */
export function workerCrypto(threads: number): MemberCrypto {
  const source = workerSource(
    import.meta.resolve('tsx/esm/api'),
    import.meta.resolve('../../web/member/token-client.ts'),
  )
  const pending = new Map<
    number,
    { resolve: (value: any) => void; reject: (error: Error) => void }
  >()
  const load = new Map<Worker, number>()
  let failure: Error | undefined
  let nextId = 0
  const fail = (error: Error) => {
    failure ??= new DemoError(`The member client's worker thread failed: ${error.message}`)
    for (const waiting of pending.values()) waiting.reject(failure)
    pending.clear()
  }
  for (let i = 0; i < threads; i++) {
    const worker = new Worker(source, { eval: true })
    worker.on('message', ({ id, result, error }: CryptoReply) => {
      if (load.has(worker)) load.set(worker, load.get(worker)! - 1)
      const waiting = pending.get(id)
      pending.delete(id)
      if (error === undefined) waiting?.resolve(result)
      else waiting?.reject(new DemoError(`The member client failed: ${error}`))
    })
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (load.delete(worker) && code !== 0) fail(new Error(`it stopped with code ${code}`))
    })
    load.set(worker, 0)
  }
  const send = <T>(request: Unsent): Promise<T> =>
    new Promise((resolve, reject) => {
      if (failure || load.size === 0)
        return reject(failure ?? new DemoError('The member client was closed.'))
      // The least busy thread.
      const [worker] = [...load.entries()].sort((a, b) => a[1] - b[1])[0]
      const id = nextId++
      pending.set(id, { resolve, reject })
      load.set(worker, load.get(worker)! + 1)
      worker.postMessage({ ...request, id })
    })
  return {
    prepare: (publicKey) => send({ op: 'prepare', publicKey }),
    finalize: (prepared, publicKey, blindSig) =>
      send({ op: 'finalize', publicKey, prepared, blindSig }),
    close: async () => {
      const workers = [...load.keys()]
      load.clear()
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}

// ---------------------------------------------------------------------------------------------
// The command line.
