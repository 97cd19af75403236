import { signal } from '@preact/signals'
import type { Question } from '../../api/surveys/question'
import en from './i18n/en.json'

// The member pages' languages: English is built in, every other catalog (i18n/<code>.json) is
// fetched only when chosen. No library: a lookup with English as the fallback, `{name}`
// placeholders, and plural forms picked by Intl.PluralRules.

export type Catalog = Record<string, string>
type Vars = Record<string, string | number>

/** The languages of the member pages, each named in itself (for the switcher). */
export const languages: Record<string, string> = { en: 'English', de: 'Deutsch' }
const catalogs: Record<string, () => Promise<{ default: Catalog }>> = {
  de: () => import('./i18n/de.json'),
}

const primary = (tag: string) => tag.toLowerCase().split('-')[0]
const known = (code: string) => Object.hasOwn(languages, code)

/** The first of `wanted` (BCP 47 tags, best first) we have, by language (de-AT → de); else en. */
export const chooseLanguage = (wanted: readonly string[]) => wanted.map(primary).find(known) ?? 'en'

/**
 * `t(key, vars)`: the message in `messages`, else in `fallback`, else the key itself, with
 * `{name}` filled from vars. `tn(key, n)`: the `key.<plural form>` for n (else `key.other`),
 * with `{n}` formatted for `lang`.
 */
export function translator(lang: string, messages: Catalog, fallback: Catalog = en) {
  const t = (key: string, vars: Vars = {}) =>
    (messages[key] ?? fallback[key] ?? key).replace(/\{(\w+)\}/g, (m, name) => `${vars[name] ?? m}`)
  const tn = (key: string, n: number, vars: Vars = {}) => {
    const form = `${key}.${new Intl.PluralRules(lang).select(n)}`
    return t(form in messages || form in fallback ? form : `${key}.other`, {
      ...vars,
      n: n.toLocaleString(lang),
    })
  }
  return { lang, t, tn }
}

/**
 * Adds English for pages loaded later (join, shared results: i18n/en-later.json, imported by
 * those pages so the answering page does not carry it). Other catalogs hold every key.
 */
export const addEnglish = (messages: Catalog) => void Object.assign(en, messages)

const current = signal(translator('en', en))
/** The chosen language's code; components that read it re-render when it changes. */
export const lang = () => current.value.lang
export const t = (key: string, vars?: Vars) => current.value.t(key, vars)
export const tn = (key: string, n: number, vars?: Vars) => current.value.tn(key, n, vars)

/** The locale for Intl: the browser's own variant of the chosen language (en-GB), else its code. */
export const locale = () =>
  globalThis.navigator?.languages?.find((l) => primary(l) === lang()) ?? lang()

const saved = 'trustpulse.lang'

/** Switches the pages to `code` (fetching its catalog), sets `<html lang>` and, if asked, remembers it. */
export async function setLanguage(code: string, remember = true): Promise<void> {
  const messages = code === 'en' ? en : known(code) ? (await catalogs[code]()).default : undefined
  if (!messages) return
  current.value = translator(code, messages)
  if (globalThis.document) document.documentElement.lang = code
  if (remember) storage()?.setItem(saved, code)
}

/** localStorage, unless the browser refuses it (blocked site data). */
function storage(): Storage | undefined {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}

/** The language remembered on this device, else the browser's first one we have. */
export function startLanguage(): Promise<void> {
  const remembered = storage()?.getItem(saved)
  return setLanguage(
    remembered && known(remembered) ? remembered : chooseLanguage(navigator.languages ?? []),
    false,
  )
}

/** A question's prompt and option labels in the chosen language, where it is translated. */
export function wording(q: Question): { prompt: string; options: string[] } {
  const translated = q.translations?.[lang()]
  return { prompt: translated?.prompt ?? q.prompt, options: translated?.options ?? q.options ?? [] }
}

/** One of the question's options as the member reads it (its translation, if any). */
export const optionText = (q: Question, option: string) =>
  wording(q).options[q.options?.indexOf(option) ?? -1] ?? option
