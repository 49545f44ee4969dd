#!/usr/bin/env node
// Package bin: the CLI is TypeScript run by Node's type stripping (Node 24+).
import { run } from '../src/cli/xinyong.ts';

await run();
