import { resolve } from 'node:path'
import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'

// Two entry pages: the organizer app (index.html) and the member pages (member.html), so a
// member downloads only what answering a pulse needs.
export default defineConfig({
  root: 'web',
  plugins: [preact()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        organizer: resolve(import.meta.dirname, 'web/index.html'),
        member: resolve(import.meta.dirname, 'web/member.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
})
