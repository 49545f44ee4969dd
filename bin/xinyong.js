#!/usr/bin/env node
// Package bin: the CLI is TypeScript run by Node's type stripping (Node 24+).
import '../src/cli/xinyong.ts';
