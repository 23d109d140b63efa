#!/usr/bin/env node
// Plain JS so it runs without a build step: tsx compiles the TypeScript sources on the fly.
import { register } from 'tsx/esm/api';

register();
const { runProcess } = await import('../src/cli/main.ts');
await runProcess();
