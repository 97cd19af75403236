import { createModel, signal } from '@preact/signals'
import * as api from '../api'
import type { Role } from '../api-types'
import { announce } from './announce'
import { communities } from './communities'
import { mutation } from './mutation'
import { resource } from './resource'

export interface InviteOutcome {
  email: string
  role: Role
  /** Present when the person has no account yet: send them this link, shown only now. */
  inviteUrl?: string
}

/** A community's team: the list, inviting someone, and removing someone (or oneself). */
export const TeamModel = createModel((cid: string) => {
  const team = resource(() => api.listTeam(cid))
  const email = signal('')
  const role = signal<Role>('organizer')
  const outcome = signal<InviteOutcome | undefined>(undefined)
  const invite = mutation((to: string, as: Role) => api.inviteToTeam(cid, to, as))
  const remove = mutation((oid: string) => api.removeFromTeam(cid, oid))
  const removing = signal<string | undefined>(undefined)

  return {
    team,
    email,
    role,
    outcome,
    invite,
    remove,
    removing,

    async sendInvite(): Promise<void> {
      outcome.value = undefined
      const to = email.value.trim()
      const answer = await invite.run(to, role.value)
      if (!answer) return
      outcome.value = { email: to, role: role.value, inviteUrl: answer.inviteUrl }
      email.value = ''
      announce(answer.inviteUrl ? 'Invite link ready to copy' : `${to} was added to the team`)
      void team.reload()
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
