#!/usr/bin/env node
// `werkbank` CLI launcher: registers the TypeScript loader (tsx) and runs src/cli/index.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
