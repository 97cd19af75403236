// RSASP1 (m^d mod n) on worker threads. OpenSSL's private-key operation takes about 0.35 ms of a
// 2048-bit key, the largest part of a token request; node:crypto has no asynchronous form of it,
// so run on the event loop it would hold every other request for that long. The threads get the
// imported KeyObject with each call (cloned across threads, never serialized) and keep nothing.
import { type KeyObject } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

/** What each thread runs: one privateDecrypt without padding per message, answered by id. */
const THREAD = `
const { parentPort } = require('node:worker_threads')
const { constants, privateDecrypt } = require('node:crypto')
parentPort.on('message', ({ id, key, message }) => {
  try {
    const signature = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, message)
    parentPort.postMessage({ id, signature }, [signature.buffer])
  } catch (error) {
    parentPort.postMessage({ id, failed: String(error && error.code || 'the RSA operation failed') })
  }
})`

interface Pending {
  resolve(signature: Uint8Array): void
  reject(error: Error): void
}

/**
 * A pool of `size` threads (default: one per core but one, at most 4), started on first use.
 * Idle threads never keep the process alive; a thread that dies fails its calls and is replaced
 * on the next one.
 */
export function rsaThreads(size = Math.max(1, Math.min(4, availableParallelism() - 1))) {
  const threads: (Worker | undefined)[] = Array.from({ length: size })
  const inFlight: number[] = Array.from({ length: size }, () => 0)
  const pending = new Map<number, Pending & { thread: number }>()
  let nextId = 0

  function thread(index: number): Worker {
    const existing = threads[index]
    if (existing) return existing
    // Plain CommonJS: none of the parent's flags (a loader, --input-type) apply to it.
    const worker = new Worker(THREAD, { eval: true, execArgv: [] })
    worker.unref()
    worker.on(
      'message',
      ({ id, signature, failed }: { id: number; signature?: Uint8Array; failed?: string }) => {
        const call = pending.get(id)
        if (!call) return
        pending.delete(id)
        if (--inFlight[index] === 0) worker.unref()
        if (signature)
          call.resolve(new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength))
        else call.reject(new Error(`RSASP1 failed: ${failed}`))
      },
    )
    const fail = (error: Error) => {
      if (threads[index] !== worker) return
      threads[index] = undefined
      inFlight[index] = 0
      for (const [id, call] of pending) {
        if (call.thread !== index) continue
        pending.delete(id)
        call.reject(error)
      }
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`the RSA thread stopped (exit code ${code})`)))
    threads[index] = worker
    return worker
  }

  return {
    /** m^d mod n of `message` (modulus length, below n) with `key`. */
    rsasp1(key: KeyObject, message: Uint8Array): Promise<Uint8Array> {
      const id = nextId++
      const index = id % size
      const worker = thread(index)
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, thread: index })
        if (inFlight[index]++ === 0) worker.ref()
        worker.postMessage({ id, key, message })
      })
    },
    /** Stops the threads (tests); later calls start new ones. */
    async close(): Promise<void> {
      await Promise.all(threads.map((worker) => worker?.terminate()))
    },
  }
}
