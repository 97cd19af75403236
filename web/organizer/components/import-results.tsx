import type { ImportResult } from '../api-types'
import { importSummary, invitesAsCsv, invitesAsText, invitesOf } from '../models/import-report'
import { CopyButton, LinkToCopy, downloadText } from './copy-button'

/** What an import did, and the fresh invite links to hand out (shown this once). */
export function ImportResults({ result }: { result: ImportResult }) {
  const invites = invitesOf(result.members)
  return (
    <div class="results" role="status">
      <p class="notice notice-success">
        {importSummary(result.created, result.updated, invites.length)}
      </p>
      {invites.length === 0 ? (
        <p class="hint">
          No new invite links: members who were already here keep theirs. Use “New invite link” in
          the list below to make one for someone who lost theirs.
        </p>
      ) : (
        <>
          <p>
            <strong>Copy these links now.</strong> Each one is shown only this once: the server
            keeps only a hash. Send every member their own link, for example by mail merge.
          </p>
          <div class="actions">
            <CopyButton
              text={invitesAsCsv(invites)}
              what="All links as CSV"
              label="Copy all as CSV"
            />
            <CopyButton
              text={invitesAsText(invites)}
              what="All links as text"
              label="Copy all as text"
            />
            <button
              type="button"
              class="button-secondary button-small"
              onClick={() => downloadText('invite-links.csv', invitesAsCsv(invites))}
            >
              Download CSV
            </button>
          </div>
          <ul class="invite-list">
            {invites.map((invite, i) => (
              <li key={invite.email}>
                <span class="invite-email">{invite.email}</span>
                <LinkToCopy
                  id={`invite-${i}`}
                  url={invite.inviteUrl}
                  what={`Invite link for ${invite.email}`}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
