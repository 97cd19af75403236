import { createModel, signal } from '@preact/signals'
import * as api from '../api'
import type { Role } from '../api-types'
import { announce } from './announce'
import { communities, roleLabels } from './communities'
import { mutation } from './mutation'
import { resource } from './resource'

export interface InviteOutcome {
  email: string
  role: Role
  /** Present when the person has no account yet: send them this link, shown only now. */
  inviteUrl?: string
}

/**
 * A community's team: the list, the pending invites, inviting someone, revoking an invite,
 * changing a role, and removing someone (or oneself). `myRole` is the caller's role: viewers
 * may not read the invites, so they are not asked for.
 */
export const TeamModel = createModel((cid: string, myRole: Role) => {
  const team = resource(() => api.listTeam(cid))
  const invites = resource(() => api.listTeamInvites(cid), { lazy: myRole === 'viewer' })
  const email = signal('')
  const role = signal<Role>('organizer')
  const outcome = signal<InviteOutcome | undefined>(undefined)
  const invite = mutation((to: string, as: Role) => api.inviteToTeam(cid, to, as))
  const remove = mutation((oid: string) => api.removeFromTeam(cid, oid))
  const revoke = mutation((iid: string) => api.revokeTeamInvite(cid, iid))
  const roleChange = mutation((oid: string, to: Role) => api.changeTeamRole(cid, oid, to))
  const removing = signal<string | undefined>(undefined)
  /** The invite or team member a request is running for, to disable its controls. */
  const busy = signal<string | undefined>(undefined)

  return {
    team,
    invites,
    email,
    role,
    outcome,
    invite,
    remove,
    revoke,
    roleChange,
    removing,
    busy,

    async sendInvite(): Promise<void> {
      outcome.value = undefined
      const to = email.value.trim()
      const answer = await invite.run(to, role.value)
      if (!answer) return
      outcome.value = { email: to, role: role.value, inviteUrl: answer.inviteUrl }
      email.value = ''
      announce(answer.inviteUrl ? 'Invite link ready to copy' : `${to} was added to the team`)
      void team.reload()
      void invites.reload()
    },

    /** Revokes a pending invite: its link stops working at once. */
    async revokeInvite(iid: string, to: string): Promise<void> {
      busy.value = iid
      await revoke.run(iid)
      busy.value = undefined
      if (revoke.error.value) return
      if (outcome.value?.email === to) outcome.value = undefined
      await invites.reload()
      announce(`The invite for ${to} was revoked`)
    },

    /**
     * Gives a team member another role. When the caller changed their own, their community
     * list (which holds their role here) is read again so the page follows at once.
     */
    async setRole(oid: string, to: Role, self: boolean): Promise<void> {
      busy.value = oid
      const changed = await roleChange.run(oid, to)
      busy.value = undefined
      if (!changed) return void team.reload()
      announce(`${changed.organizer.name || changed.organizer.email} is now ${roleLabels[to]}`)
      if (self) await communities.reload()
      else await team.reload()
    },

    /** Removes `oid`; when that was the caller, their community list changes too. */
    async removeMember(oid: string, self: boolean): Promise<boolean> {
      removing.value = oid
      await remove.run(oid)
      removing.value = undefined
      if (remove.error.value) return false
      if (self) await communities.reload()
      else await team.reload()
      announce(self ? 'You left the team' : 'Removed from the team')
      return true
    },
  }
})
