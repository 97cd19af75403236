import type { Community, PendingInvite } from '../api-types'
import { roleLabels } from '../models/communities'
import { formatDateTime } from '../models/dates'
import type { TeamModel } from '../models/team-model'
import { Section } from './page'
import { Async, Problem } from './problem'

/**
 * The invites nobody has accepted yet, with when each link stops working; an owner revokes one
 * with its button. Links were shown once: a lost one is replaced by inviting the email again.
 */
export function PendingInvites(props: { m: InstanceType<typeof TeamModel>; community: Community }) {
  const { m, community } = props
  const owner = community.role === 'owner'
  const onRevoke = (invite: PendingInvite) => {
    if (!confirm(`Revoke the invite for ${invite.email}? Their link stops working.`)) return
    void m.revokeInvite(invite.id, invite.email)
  }
  return (
    <Section title="Pending invites" id="pending-invites">
      {m.revoke.error.value && <Problem error={m.revoke.error.value} />}
      <Async of={m.invites} label="Loading the invites…">
        {(invites) =>
          invites.length === 0 ? (
            <p class="hint">No invite is waiting to be accepted.</p>
          ) : (
            <>
              <table class="table team-table">
                <caption class="visually-hidden">Invites not yet accepted</caption>
                <thead>
                  <tr>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Expires</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {invites.map((invite) => (
                    <tr key={invite.id}>
                      <td data-label="Email">{invite.email}</td>
                      <td data-label="Role">{roleLabels[invite.role]}</td>
                      <td data-label="Expires">{formatDateTime(invite.expiresAt)}</td>
                      <td class="cell-actions">
                        {owner && (
                          <button
                            type="button"
                            class="button-danger-quiet button-small"
                            disabled={m.busy.value === invite.id}
                            onClick={() => onRevoke(invite)}
                          >
                            Revoke
                            <span class="visually-hidden"> the invite for {invite.email}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {owner && (
                <p class="hint">
                  Lost a link? Invite the same email again: the new link replaces the old one.
                </p>
              )}
            </>
          )
        }
      </Async>
    </Section>
  )
}
