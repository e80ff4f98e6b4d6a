#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, with the project's tsconfig wherever it is called from.
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) })
await import('../src/cli/bin.ts')
