// What `npm run demo` prints when it is done: what it made, and the two addresses to open — the
// organizer's sign-in with the demo credentials, and a member's invitation to answer the pulse
// that is open now.
import { DEMO_COMMUNITY } from './data'
import { plural, type DemoResult } from './fill'
import type { OpenPulse } from './open-pulse'
import type { AnsweredComments } from './threads'

export interface DemoSummary {
  seconds: string
  /** The address the server will answer on (PUBLIC_URL, else HOST and PORT). */
  url: string
  account: 'created' | 'added' | 'reset'
  login: { email: string; password: string }
  result: DemoResult
  meetings: number
  open: OpenPulse
  /** Organizers' replies to comments and writers' anonymous answers (api/demo/threads.ts). */
  answered?: AnsweredComments
}

const accountNote = {
  created: '',
  added: ' (added next to the existing organizers)',
  reset: ' (existing account; its password was reset)',
}

/** The closing text, ending with the organizer's sign-in address and a working member link. */
export function demoSummary(s: DemoSummary): string {
  const { result, open } = s
  const base = s.url.replace(/\/+$/, '')
  const closes = new Date(open.closesAt).toUTCString().replace(/:00 GMT$/, ' UTC')
  return [
    ``,
    `Demo ready in ${s.seconds} s: "${DEMO_COMMUNITY}", ${result.members} members, ${plural(result.pulseIds.length, 'weekly pulse')},`,
    `${plural(result.responses, 'response')} (${result.comments} with a comment); results of the last ${plural(result.sharedPulseIds.length, 'pulse')} are shared with members;`,
    `${plural(s.meetings, 'planning meeting')} tracked. One pulse is open now: ${open.answered} of ${result.members} members answered it`,
    `so far; it closes ${closes}.`,
    `The organizer planned ${plural(result.actions, 'action')} from the results; ${plural(result.followUpPulses, 'pulse')} asked members whether one made a difference.`,
    ...(s.answered
      ? [
          `The organizer replied to ${plural(s.answered.replies, 'comment')} on shared results; ${plural(s.answered.followUps, 'writer')} answered back anonymously.`,
        ]
      : []),
    ``,
    `Start the server with the same settings:  npm start`,
    `Then open these addresses:`,
    ``,
    `  As the organizer:  ${base}/login`,
    `    email     ${s.login.email}${accountNote[s.account]}`,
    `    password  ${s.login.password}`,
    ``,
    `  As a member:       ${open.memberLink}`,
    `    the invitation of ${open.memberEmail}, who has not answered the open pulse yet. It works`,
    `    once: the browser that opens it first becomes that member (run the demo again for another).`,
    ``,
  ].join('\n')
}
