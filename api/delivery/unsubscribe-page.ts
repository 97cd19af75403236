// The pages behind every email's unsubscribe link: no script, no remote resource, no inline
// style (the CSP allows styles from this site only), so the look comes from one small stylesheet
// the app serves itself at STYLESHEET_PATH, in trustpulse's colours (web/styles/base.css).

export const STYLESHEET_PATH = '/api/unsubscribe.css'

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  )

/** What a page says; `{name}` stands for the community's name (escaped; in bold in paragraphs). */
type Said = { title: string; paragraphs: string[]; button?: string }

function page(said: Said, community?: string): string {
  const fill = (s: string) =>
    escapeHtml(s).replaceAll(
      '{name}',
      community ? `<strong>${escapeHtml(community)}</strong>` : 'this community',
    )
  const title = escapeHtml(said.title.replaceAll('{name}', community ?? 'this community'))
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="referrer" content="no-referrer"><title>${title}</title>` +
    `<link rel="stylesheet" href="${STYLESHEET_PATH}"></head><body><main class="card">` +
    `<p class="brand">trustpulse</p><h1>${title}</h1>` +
    said.paragraphs.map((p) => `<p>${fill(p)}</p>`).join('') +
    (said.button
      ? `<form method="post"><button type="submit">${escapeHtml(said.button.replaceAll('{name}', community ?? 'this community'))}</button></form>`
      : '') +
    `</main></body></html>`
  )
}

/** The page the link opens: it names the community and asks; only its button unsubscribes. */
export const askPage = (community: string | undefined) =>
  page(
    {
      title: 'Stop emails from {name}',
      paragraphs: [
        'You get email from trustpulse because you are a member of {name}: your invitation, “a pulse is open” and one reminder before a pulse closes.',
        'Press the button to stop all of them. You can still answer pulses on the device where you joined.',
      ],
      button: 'Stop emails from {name}',
    },
    community,
  )

/** The confirmation after the button. */
export const donePage = (community: string | undefined) =>
  page(
    {
      title: 'No more emails from {name}',
      paragraphs: [
        'You are unsubscribed: trustpulse sends you no more email for {name}, invitations and reminders included.',
        'You can still answer pulses on the device where you joined. You can close this page.',
      ],
    },
    community,
  )

/** For a link that is not one of ours (cut short, or changed). */
export const badLinkPage = () =>
  page({
    title: 'This link does not work',
    paragraphs: [
      'This unsubscribe link is not valid. Copy the whole link from the email, or open it from the email again.',
    ],
  })

/** The one stylesheet of these pages: light and dark, readable on a phone, visible focus. */
export const UNSUBSCRIBE_CSS = `:root {
  color-scheme: light dark;
  --bg: #f6f6f3;
  --surface: #ffffff;
  --text: #1c2127;
  --muted: #525c66;
  --border: #cdd3d8;
  --accent: #0b6b63;
  --accent-hover: #08524c;
  --on-accent: #ffffff;
  --focus: #1a56db;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14181c;
    --surface: #1c2228;
    --text: #e8ecef;
    --muted: #a9b3bc;
    --border: #39424b;
    --accent: #4fc1b3;
    --accent-hover: #7dd6cb;
    --on-accent: #0b1a18;
    --focus: #8ab4ff;
  }
}
*, *::before, *::after { box-sizing: border-box; }
body {
  margin: 0;
  min-height: 100vh;
  padding: 1rem;
  display: flex;
  align-items: flex-start;
  justify-content: center;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  font-size: 1rem;
  line-height: 1.5;
  color: var(--text);
  background: var(--bg);
}
.card {
  width: 100%;
  max-width: 34rem;
  margin-top: 12vh;
  padding: 1.5rem;
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 0.5rem;
  box-shadow: 0 1px 2px rgb(0 0 0 / 0.06), 0 1px 3px rgb(0 0 0 / 0.08);
}
.brand {
  margin: 0 0 0.75rem;
  font-size: 0.875rem;
  font-weight: 600;
  letter-spacing: 0.02em;
  color: var(--accent);
}
h1 { margin: 0 0 1rem; font-size: 1.6rem; line-height: 1.25; overflow-wrap: anywhere; }
p { margin: 0 0 1rem; color: var(--muted); overflow-wrap: anywhere; }
p strong { color: var(--text); }
form { margin: 1.5rem 0 0; }
button {
  min-height: 2.75rem;
  max-width: 100%;
  padding: 0.5rem 1.25rem;
  font: inherit;
  font-weight: 600;
  color: var(--on-accent);
  background: var(--accent);
  border: 0;
  border-radius: 0.5rem;
  cursor: pointer;
}
button:hover { background: var(--accent-hover); }
button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
`
