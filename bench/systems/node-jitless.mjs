// node --jitless: V8's own bytecode interpreter (Ignition) with no optimising tiers, the yardstick of
// issue 12's stretch target ("within 3x of node --jitless"). run.mjs starts this system's child with
// `--jitless` (SYSTEM_NODE_FLAGS there); the runner is node's own.
export { createRunner } from './node.mjs';

export const version = () => `node ${process.version} --jitless`;
