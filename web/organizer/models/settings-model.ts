import { computed, createModel, signal } from '@preact/signals'
import * as api from '../api'
import type { Community, FieldProblem } from '../api-types'
import { forgetCommunity, rememberCommunity } from './communities'
import * as s from './community-settings'
import { errorMap } from './field-errors'
import { guardLeaving } from './leave-guard'
import { move, removeAt, replaceAt } from './list-ops'
import { mutation } from './mutation'

/** The community settings form: a draft of the community, its checks, save and delete. */
export const SettingsModel = createModel((community: Community) => {
  const saved = signal(community)
  const draft = signal(s.draftOf(community))
  const newAttribute = signal('')
  const checks = signal<FieldProblem[]>([])
  const status = signal('')
  const save = mutation((cid: string, input: ReturnType<typeof s.toCommunityInput>) =>
    api.updateCommunity(cid, input),
  )
  const remove = mutation((cid: string) => api.deleteCommunity(cid))
  const errors = computed(() =>
    errorMap(checks.value.length ? checks.value : save.error.value?.errors),
  )
  const dirty = computed(() => s.settingsChanged(draft.value, saved.value))
  guardLeaving(dirty, 'Your settings are not saved yet. Leave anyway?')

  const edit = (patch: Partial<s.SettingsDraft>) => {
    draft.value = { ...draft.value, ...patch }
    status.value = ''
  }
  const attributes = () => draft.value.attributes

  return {
    draft,
    newAttribute,
    errors,
    dirty,
    status,
    save,
    remove,
    edit,
    addAttribute() {
      edit({ attributes: s.appendAttribute(attributes(), newAttribute.value) })
      newAttribute.value = ''
    },
    renameAttribute: (i: number, name: string) =>
      edit({ attributes: replaceAt(attributes(), i, name) }),
    moveAttribute: (i: number, delta: number) => edit({ attributes: move(attributes(), i, delta) }),
    removeAttribute: (i: number) => edit({ attributes: removeAt(attributes(), i) }),

    /** Checks, then saves; returns false when something needs fixing. */
    async submit(): Promise<boolean> {
      checks.value = s.validateSettings(draft.value)
      if (checks.value.length) return false
      const answer = await save.run(saved.value.id, s.toCommunityInput(draft.value))
      if (!answer) return false
      saved.value = answer
      draft.value = s.draftOf(answer)
      rememberCommunity(answer)
      status.value = 'Settings saved. They apply to pulses opened from now on.'
      return true
    },

    /** Deletes the community for good; the caller confirms first. */
    async destroy(): Promise<boolean> {
      const id = saved.value.id
      await remove.run(id)
      if (remove.error.value) return false
      draft.value = s.draftOf(saved.value) // nothing left to warn about when leaving
      forgetCommunity(id)
      return true
    },
  }
})
