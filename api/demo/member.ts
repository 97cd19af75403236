// The member's side of the demo, as the member page does it: opening the invite link (joining
// with a member key the "browser" draws), then answering a pulse through the blind-token protocol.
import {
  memberKey as drawMemberKey,
  receiptFor,
  replyHashFor,
  replySecret,
  responseBody,
} from '../../web/member/token-client'
import { disposition, emailOf, type DemoPerson, type Disposition, type Random } from './data'
import { Caller, type DemoApp } from './caller'
import { DemoError, type MemberCrypto } from './member-crypto'

export interface DemoMember {
  person: DemoPerson
  mood: Disposition
  inviteKey: string
  /** Drawn by the member's "browser" when it first joins. */
  memberKey?: string
}

/** The invite key: exactly the fragment of an invite URL (API.md). */
function inviteKeyOf(inviteUrl: string): string {
  const hash = new URL(inviteUrl).hash
  if (hash.length < 2)
    throw new DemoError(`The import answered an invite link without a key: ${inviteUrl}`)
  return hash.slice(1)
}

/**
 * The organizer imports `people` into community `communityId`, and each of them opens their
 * invitation at once. Returns them as members of the story, in order, each with a disposition
 * drawn from `random`.
 */
export async function importMembers(
  app: DemoApp,
  organizer: Caller,
  communityId: string,
  people: DemoPerson[],
  random: Random,
): Promise<DemoMember[]> {
  const members: DemoMember[] = []
  const body = {
    members: people.map((p) => ({
      email: emailOf(p),
      attributes: { team: p.team, tenure: p.tenure },
    })),
  }
  const imported = await organizer.expect(
    201,
    'Importing members',
    'POST',
    `/api/communities/${communityId}/members`,
    { body },
  )
  const byEmail = new Map<string, { inviteUrl?: string }>(
    imported.members.map((m: any) => [m.email, m]),
  )
  for (const person of people) {
    const inviteUrl = byEmail.get(emailOf(person))?.inviteUrl
    if (!inviteUrl) throw new DemoError(`The import of ${emailOf(person)} answered no invite link.`)
    const member: DemoMember = {
      person,
      mood: disposition(random),
      inviteKey: inviteKeyOf(inviteUrl),
    }
    // Members open their invitation before the next pulse: cohorts count joined members.
    await joinAsMember(app, member)
    members.push(member)
  }
  return members
}

/** A member opening their invite link: the "browser" draws a member key and joins with it. */
async function joinAsMember(app: DemoApp, member: DemoMember): Promise<string> {
  const key = drawMemberKey()
  await new Caller(app).expect(200, `Joining as ${emailOf(member.person)}`, 'POST', '/api/join', {
    body: { inviteKey: member.inviteKey, memberKey: key },
  })
  member.memberKey = key
  return key
}

/**
 * One member answering, as the member page does it: join with the invite key the first time
 * (a fresh member key drawn by the "browser"), look up the pulse's cohort key, prepare and blind
 * a token, have it signed, finalize it, and submit the answers with the token and no credentials,
 * each comment with the hash of a reply secret of its own. Answers the secrets, by question.
 */
export async function answerAsMember(
  app: DemoApp,
  memberCrypto: MemberCrypto,
  member: DemoMember,
  pulseId: string,
  answers: { questionId: string; value: unknown }[],
) {
  const browser = new Caller(app)
  const who = emailOf(member.person)
  const bearer = member.memberKey ?? (await joinAsMember(app, member))
  const open = await browser.expect(200, `Listing ${who}'s open pulses`, 'GET', '/api/me/pulses', {
    bearer,
  })
  const entry = open.find((p: any) => p.pulse.id === pulseId)
  if (!entry) throw new DemoError(`The open pulse is not among ${who}'s pulses.`)
  const { keyId, publicKey } = entry.key as { keyId: string; publicKey: string }
  const prepared = await memberCrypto.prepare(publicKey)
  const issued = await browser.expect(
    200,
    `Obtaining ${who}'s token`,
    'POST',
    `/api/pulses/${pulseId}/tokens`,
    {
      body: { blindedMsg: prepared.blindedMsg },
      bearer,
    },
  )
  if (issued.keyId !== keyId)
    throw new DemoError(`${who}'s token was signed under another key than the one listed.`)
  const signed = await memberCrypto.finalize(prepared, publicKey, issued.blindSig)
  // As the member page does: a reply secret of its own for each comment, only its hash sent.
  const secrets: Record<string, string> = {}
  const hashes: Record<string, string> = {}
  const texts = new Set(
    (entry.survey.questions as { id: string; kind: string }[])
      .filter((q) => q.kind === 'text')
      .map((q) => q.id),
  )
  for (const a of answers)
    if (texts.has(a.questionId) && typeof a.value === 'string' && a.value.trim() !== '') {
      secrets[a.questionId] = replySecret()
      hashes[a.questionId] = await replyHashFor(secrets[a.questionId])
    }
  // The submission carries no credentials: a new caller, no bearer, no cookie.
  const { receipt } = await new Caller(app).expect(
    201,
    'Submitting a response',
    'POST',
    `/api/pulses/${pulseId}/responses`,
    {
      body: responseBody(keyId, signed, answers as never, hashes),
    },
  )
  if (receipt !== (await receiptFor(signed.token)))
    throw new DemoError('The receipt does not match the token.')
  return { secrets }
}
