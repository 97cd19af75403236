import type { ComponentChildren } from 'preact'
import { useLocation } from 'preact-iso'
import type { Community } from '../api-types'
import { announcement } from '../models/announce'
import { can, communities, currentCommunity } from '../models/communities'
import { organizer, signOut } from '../models/session'

/** The frame around every page: skip link, header, main landmark and the polite announcer. */
export function Layout({ children }: { children: ComponentChildren }) {
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="header-bar">
          <a class="brand" href="/communities">
            <Logo />
            <span>trustpulse</span>
          </a>
          {organizer.value && <CommunitySwitcher />}
          {organizer.value && <AccountMenu />}
        </div>
        {currentCommunity.value && <CommunityNav community={currentCommunity.value} />}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </>
  )
}

function Logo() {
  return (
    <svg class="logo" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
      <path d="M2 13h4l3-7 4 12 3-8 2 3h4" fill="none" stroke="currentColor" stroke-width="2.2" />
    </svg>
  )
}

/** A disclosure listing the caller's communities; closes itself when one is chosen. */
function CommunitySwitcher() {
  const list = communities.data.value ?? []
  const current = currentCommunity.value
  const close = (e: Event) => {
    const details = (e.currentTarget as HTMLElement).closest('details')
    if (details) details.open = false
  }
  return (
    <details class="switcher" onKeyDown={closeOnEscape}>
      <summary>
        <span class="visually-hidden">Community: </span>
        {current ? current.name : 'Communities'}
      </summary>
      <ul onClick={close}>
        {list.map((c) => (
          <li key={c.id}>
            <a
              href={`/communities/${c.id}/surveys`}
              aria-current={c.id === current?.id ? 'true' : undefined}
            >
              {c.name}
            </a>
          </li>
        ))}
        <li>
          <a href="/communities">All communities</a>
        </li>
      </ul>
    </details>
  )
}

function closeOnEscape(e: KeyboardEvent) {
  const details = e.currentTarget as HTMLDetailsElement
  if (e.key !== 'Escape' || !details.open) return
  details.open = false
  details.querySelector('summary')?.focus()
}

function AccountMenu() {
  const { route } = useLocation()
  const who = organizer.value
  const leave = async () => {
    await signOut().catch(() => undefined)
    route('/login')
  }
  return (
    <nav class="account" aria-label="Account">
      <a href="/account">{who?.name || who?.email}</a>
      <button type="button" class="button-secondary button-small" onClick={leave}>
        Sign out
      </button>
    </nav>
  )
}

function CommunityNav({ community }: { community: Community }) {
  const { path } = useLocation()
  const base = `/communities/${community.id}`
  const links = [
    { href: `${base}/surveys`, label: 'Surveys', show: true },
    { href: `${base}/meetings`, label: 'Meetings', show: true },
    { href: `${base}/actions`, label: 'Actions', show: true },
    { href: `${base}/members`, label: 'Members', show: can(community.role, 'organizer') },
    { href: `${base}/messages`, label: 'Messages', show: can(community.role, 'organizer') },
    { href: `${base}/team`, label: 'Team', show: can(community.role, 'organizer') },
    { href: `${base}/settings`, label: 'Settings', show: true },
  ]
  // The surveys tab stays marked on a survey's own pages (designer, pulses).
  const current = (href: string) =>
    path === href
      ? 'page'
      : path.startsWith(`${href}/`) ||
          (href.endsWith('/surveys') && path.startsWith('/surveys/')) ||
          (href.endsWith('/meetings') && path.startsWith('/meetings/')) ||
          (href.endsWith('/actions') && path.startsWith('/actions/'))
        ? 'true'
        : undefined
  return (
    <nav class="community-nav" aria-label={`${community.name}`}>
      <ul>
        {links
          .filter((l) => l.show)
          .map((l) => (
            <li key={l.href}>
              <a href={l.href} aria-current={current(l.href)}>
                {l.label}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  )
}
