// Errors of `npm run demo` (api/demo/main.ts) in words a person running it can act on: the file
// or database that is in the way, never a query's text or parameters.
import { DemoError } from './member-crypto'

/** Explains what went wrong in words a person running the demo can act on. */
export function explain(
  error: unknown,
  where: { databaseUrl: string; secretFile: string },
): string {
  if (error instanceof DemoError) return error.message
  const chain: any[] = []
  for (let e: any = error; e && chain.length < 5; e = e.cause) chain.push(e)
  const codes = chain.map((e) => String(e?.code ?? ''))
  // First lines only, and never a query's text or its parameters (Drizzle puts both in messages).
  const lines = chain
    .map((e) =>
      String(e?.message ?? e)
        .split(/params:/i)[0]
        .trim(),
    )
    .filter((m) => m && !/^Failed query/i.test(m))
    .map((m) => m.split('\n')[0].slice(0, 200))
  const reason = lines.join(': ') || 'unknown error'
  const fsError = chain.find((e) =>
    ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOENT', 'EISDIR', 'EEXIST'].includes(e?.code),
  )
  if (fsError) {
    const why =
      fsError.code === 'EEXIST' || fsError.code === 'ENOTDIR'
        ? 'a file is in the way of a directory'
        : fsError.code
    return `Cannot write ${fsError.path ?? 'the data'} (${why}). The demo writes the database (DATABASE_URL=${where.databaseUrl}) and the server secret in ${where.secretFile}: check that these paths exist or can be created and that this user may write them.`
  }
  if (
    codes.some((c) => /READONLY|CANTOPEN|PERM/.test(c)) ||
    /readonly|read-only|unable to open|permission/i.test(reason)
  ) {
    return `The database at ${where.databaseUrl} is not writable (${reason}). Check DATABASE_URL and that this user may write the file and its directory.`
  }
  if (
    codes.some((c) => /AUTH|UNAUTHORIZED/.test(c)) ||
    /fetch failed|ECONNREFUSED|ENOTFOUND|401|403/.test(reason)
  ) {
    return `Cannot use the database at ${where.databaseUrl} (${reason}). Check DATABASE_URL, and DATABASE_AUTH_TOKEN for a remote database.`
  }
  if (codes.some((c) => c.includes('BUSY')) || /database is locked/i.test(reason)) {
    return `The database at ${where.databaseUrl} is locked by another process. Try again in a moment.`
  }
  return `The demo failed: ${reason}`
}
