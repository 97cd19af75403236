import { computed, effect, signal, untracked } from '@preact/signals'
import * as api from '../api'
import type { Community, Role } from '../api-types'
import { resource } from './resource'
import { signedIn } from './session'

/** The caller's communities with their role in each; loaded whenever a session starts. */
export const communities = resource(() => api.listCommunities(), { lazy: true })

/** The community the current page is about (set by community and survey pages). */
export const currentCommunityId = signal<string | undefined>(undefined)

export const currentCommunity = computed(() =>
  communities.data.value?.find((c) => c.id === currentCommunityId.value),
)

effect(() => {
  if (signedIn.value) untracked(() => void communities.reload())
  else untracked(() => communities.set([]))
})

/** Puts a created or changed community into the list (keeping its place). */
export function rememberCommunity(community: Community): void {
  const list = communities.data.value ?? []
  const known = list.some((c) => c.id === community.id)
  communities.set(
    known ? list.map((c) => (c.id === community.id ? community : c)) : [...list, community],
  )
}

export function forgetCommunity(id: string): void {
  communities.set((communities.data.value ?? []).filter((c) => c.id !== id))
  if (currentCommunityId.value === id) currentCommunityId.value = undefined
}

const rank: Record<Role, number> = { viewer: 0, organizer: 1, owner: 2 }

/** Whether `role` may do what `needed` may (owner ⊇ organizer ⊇ viewer). */
export function can(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && rank[role] >= rank[needed]
}

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  organizer: 'Organizer',
  viewer: 'Viewer',
}
