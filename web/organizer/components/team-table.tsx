import type { Community, Role, TeamEntry } from '../api-types'
import { roleLabels } from '../models/communities'
import type { TeamModel } from '../models/team-model'

const roleOrder: Role[] = ['owner', 'organizer', 'viewer']

interface TeamTableProps {
  m: InstanceType<typeof TeamModel>
  community: Community
  team: TeamEntry[]
  /** The signed-in organizer's id. */
  me: string | undefined
  onRemove: (oid: string, label: string) => void
}

/**
 * The team with each one's role: an owner changes a role with the selector in its row, everyone
 * else reads it. Owners may remove anyone; everyone may leave.
 */
export function TeamTable({ m, community, team, me, onRemove }: TeamTableProps) {
  const owner = community.role === 'owner'
  const onRole = (entry: TeamEntry, to: Role) => {
    const self = entry.organizer.id === me
    if (self && to !== 'owner') {
      const ok = confirm(
        `Make yourself ${roleLabels[to].toLowerCase()}? You can no longer manage the team of “${community.name}” or its settings.`,
      )
      if (!ok) return void m.team.reload()
    }
    void m.setRole(entry.organizer.id, to, self)
  }
  return (
    <table class="table team-table">
      <caption class="visually-hidden">Team of {community.name}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {team.map((entry) => {
          const { organizer: o, role } = entry
          return (
            <tr key={o.id}>
              <td data-label="Name">
                {o.name || '—'}
                {o.id === me && ' (you)'}
              </td>
              <td data-label="Email">{o.email}</td>
              <td data-label="Role">
                {owner ? (
                  <select
                    class="role-select"
                    aria-label={`Role of ${o.email}`}
                    value={role}
                    disabled={m.busy.value === o.id}
                    onChange={(e) => onRole(entry, e.currentTarget.value as Role)}
                  >
                    {roleOrder.map((r) => (
                      <option key={r} value={r}>
                        {roleLabels[r]}
                      </option>
                    ))}
                  </select>
                ) : (
                  roleLabels[role]
                )}
              </td>
              <td class="cell-actions">
                {(owner || o.id === me) && (
                  <button
                    type="button"
                    class="button-danger-quiet button-small"
                    disabled={m.removing.value === o.id}
                    onClick={() => onRemove(o.id, o.name || o.email)}
                  >
                    {o.id === me ? (
                      'Leave team'
                    ) : (
                      <>
                        Remove<span class="visually-hidden"> {o.email}</span>
                      </>
                    )}
                  </button>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
