// Internal modules exposed for vmjs's own tests and tools (test262 runner, bench); not a public API.
export { agent, Agent, Termination } from './interpreter/agent.js';
export { Realm } from './realm/realm.js';
export { prepareScript, runScript } from './interpreter/script.js';
