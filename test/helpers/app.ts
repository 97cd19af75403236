import { createApp } from '../../api/app'
import type { AppDeps } from '../../api/deps'
import { openApiSource } from '../../api/openapi'
import { openDatabase } from '../../api/runtime/node-db'
import { createBlindSigner } from '../../api/privacy/blind-signing'
import { nodeRawRsa } from '../../api/runtime/node-raw-rsa'

export const T0 = Date.parse('2026-03-02T09:00:00Z')

export interface TestApp {
  app: ReturnType<typeof createApp>
  deps: AppDeps
  clock: { now: number }
  logs: string[]
  tasks: Promise<unknown>[]
}

/** A fresh app on a fresh in-memory database, a fixed clock and a recorded log. */
export async function testApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const clock = { now: T0 }
  const logs: string[] = []
  const tasks: Promise<unknown>[] = []
  const deps: AppDeps = {
    db: await openDatabase(':memory:'),
    now: () => clock.now,
    secret: new Uint8Array(32).fill(7),
    signer: createBlindSigner({ rawRsa: nodeRawRsa }),
    rateLimit: async () => true,
    background: (task) => void tasks.push(task),
    log: (line) => void logs.push(line),
    publicUrl: 'https://pulse.example',
    openApi: openApiSource(),
    ...overrides,
  }
  return { app: createApp(deps), deps, clock, logs, tasks }
}
