// Measures what the generator form of the evaluator costs and that synchronous code does not pay it
// (ARCHITECTURE.md, "One evaluator, two forms"). Run after `npm run build`: node scripts/measure-forms.mjs
import { createContext, runInContext } from '../dist/esm/index.js';

const N = 2_000_000;
const cases = {
  'loop in a plain function (synchronous form)':
    `function f(){ let s = 0; for (let i = 0; i < ${N}; i++) { s = (s + i) | 0; } return s; } f();`,
  'same loop in a generator, yield on its path (generator form)':
    `function* g(){ let s = 0; for (let i = 0; i < ${N}; i++) { s = (s + i) | 0; if (i === -1) yield s; } return s; } g().next().value;`,
  'same loop in a generator, no yield on its path (delegated to the synchronous form)':
    `function* g(){ let s = 0; for (let i = 0; i < ${N}; i++) { s = (s + i) | 0; } yield s; } g().next().value;`,
  'generator yielding each value, consumed by for-of':
    `function* g(){ for (let i = 0; i < ${N / 10}; i++) yield i; } let s = 0; for (const x of g()) s = (s + x) | 0; s;`,
};

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }

const results = [];
for (const [name, code] of Object.entries(cases)) {
  const times = [];
  let value;
  for (let r = 0; r < 5; r++) {
    const ctx = createContext({});
    const t0 = performance.now();
    value = runInContext(code, ctx);
    times.push(performance.now() - t0);
  }
  results.push({ name, ms: median(times), value });
}
const base = results[0].ms;
for (const r of results) console.log(`${r.ms.toFixed(1).padStart(8)} ms  ${(r.ms / base).toFixed(2)}×  ${r.name}  (→ ${r.value})`);
