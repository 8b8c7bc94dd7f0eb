#!/usr/bin/env node
import { main } from '../dist/esm/test262/main.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
