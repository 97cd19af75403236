import { resolve } from 'node:path'
import preact from '@preact/preset-vite'
import { defineConfig, type Plugin } from 'vite'
import { openApiDocument } from './api/openapi'

/**
 * Writes the API's OpenAPI document beside the pages, so the Worker serves it from its assets
 * instead of carrying the schemas that build it (about 11 KiB of its gzipped bundle).
 */
const openApiFile = (): Plugin => ({
  name: 'trustpulse-openapi',
  apply: 'build',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'openapi.json',
      source: JSON.stringify(openApiDocument()),
    })
  },
})

// Two separate builds into one folder: the organizer app (index.html, the default mode) and the
// member pages (member.html, `--mode member`). Built apart, they share no chunk, so a member
// downloads only what answering a pulse needs.
export default defineConfig(({ mode }) => {
  const member = mode === 'member'
  return {
    root: 'web',
    plugins: member ? [preact()] : [preact(), openApiFile()],
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
