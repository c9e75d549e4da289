#!/usr/bin/env node
// Launcher: runs the TypeScript CLI through tsx so no separate server build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
