import { resolve } from 'node:path'
import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'

// Two separate builds into one folder: the organizer app (index.html, the default mode) and the
// member pages (member.html, `--mode member`). Built apart, they share no chunk, so a member
// downloads only what answering a pulse needs.
export default defineConfig(({ mode }) => {
  const member = mode === 'member'
  return {
    root: 'web',
    plugins: [preact()],
    build: {
      outDir: resolve(import.meta.dirname, 'dist/web'),
      emptyOutDir: !member,
      target: 'es2022',
      // The member build has a 30 KB budget: no module preload helper there.
      modulePreload: member ? false : { polyfill: false },
      rollupOptions: {
        input: resolve(import.meta.dirname, member ? 'web/member.html' : 'web/index.html'),
      },
    },
    server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
  }
})
