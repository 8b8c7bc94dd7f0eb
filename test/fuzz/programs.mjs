// Random valid programs for differential fuzzing (fast-check arbitraries): a few variable
// declarations, statements that update them (conditionals, bounded loops, try/catch, functions,
// destructuring), and a final expression whose value is compared. The grammar sticks to
// deterministic, engine-independent code: no Date/Math.random, no property enumeration order of
// integer-like keys beyond the spec's, no timing.
import fc from 'fast-check';

const VARS = ['a', 'b', 'c'];

const number = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom(0.5, -0.5, 1e21, 2 ** 53, -0, NaN, Infinity, -Infinity, 0.1, 3.14),
).map((n) => (Object.is(n, -0) ? '(-0)' : Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Infinity' : n === -Infinity ? '-Infinity' : n < 0 ? `(${n})` : String(n)));
const string = fc.constantFrom('""', '"a"', '"abc"', '"10"', '" 3 "', '"x,y"', '"NaN"', '"\\u00e9"', '"true"');
const literal = fc.oneof(number, string, fc.constantFrom('true', 'false', 'null', 'undefined', '10n', '(-3n)'));
const variable = fc.constantFrom(...VARS);

const unary = ['-', '+', '!', '~', 'typeof ', 'void '];
const binary = ['+', '-', '*', '/', '%', '**', '==', '===', '!=', '!==', '<', '>', '<=', '>=', '&', '|', '^', '<<', '>>', '>>>', '&&', '||', '??', ','];
const calls = [
  (x) => `String(${x})`, (x) => `Number(${x})`, (x) => `Boolean(${x})`, (x) => `JSON.stringify(${x})`,
  (x) => `[${x}].concat(${x}).length`, (x) => `Array.isArray(${x})`, (x) => `Object.keys(Object(${x})).join()`,
  (x) => `String(${x}).padStart(4, "-")`, (x) => `String(${x}).split("").reverse().join("")`, (x) => `parseInt(${x})`,
  (x) => `parseFloat(${x})`, (x) => `Math.max(${x}, 1)`, (x) => `Math.floor(${x})`, (x) => `isNaN(${x})`,
  (x) => `[1, 2, 3].indexOf(${x})`, (x) => `[${x}, 2, 1].sort().join()`, (x) => `(${x})?.length`, (x) => `Object.is(${x}, -0)`,
  (x) => `new Set([${x}, ${x}]).size`, (x) => `[...String(${x})].length`, (x) => `Number.isInteger(${x})`,
  (x) => `String(${x}).at(-1)`, (x) => `({ k: ${x} }).k`, (x) => `[${x}][0]`, (x) => `\`<\${${x}}>\``,
];

/** An expression of at most `depth` levels. */
export const expression = fc.letrec((tie) => ({
  expr: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    literal,
    variable,
    fc.tuple(fc.constantFrom(...unary), tie('expr')).map(([op, e]) => `(${op}(${e}))`),
    fc.tuple(tie('expr'), fc.constantFrom(...binary), tie('expr')).map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, t, e]) => `(${c} ? ${t} : ${e})`),
    fc.tuple(fc.constantFrom(...calls), tie('expr')).map(([call, e]) => call(e)),
    fc.array(tie('expr'), { maxLength: 3 }).map((es) => `[${es.join(', ')}]`),
    fc.tuple(tie('expr'), tie('expr')).map(([x, y]) => `({ p: ${x}, q: ${y} })`),
    fc.tuple(variable, tie('expr')).map(([v, e]) => `(${v} = ${e})`),
  ),
})).expr;

const statement = fc.letrec((tie) => ({
  stmt: fc.oneof({ depthSize: 'small' },
    fc.tuple(variable, expression).map(([v, e]) => `${v} = ${e};`),
    fc.tuple(variable, fc.constantFrom('+=', '-=', '*=', '||=', '??=', '&&=')).chain(([v, op]) => expression.map((e) => `${v} ${op} ${e};`)),
    fc.tuple(expression, tie('stmt'), tie('stmt')).map(([c, t, e]) => `if (${c}) { ${t} } else { ${e} }`),
    fc.tuple(fc.integer({ min: 0, max: 4 }), tie('stmt')).map(([n, s]) => `for (let i = 0; i < ${n}; i++) { ${s} }`),
    fc.tuple(tie('stmt'), variable).map(([s, v]) => `try { ${s} } catch (e) { ${v} = e instanceof Error ? e.name + ": " + e.message : e; }`),
    fc.tuple(variable, expression).map(([v, e]) => `${v} = ((x) => { const y = x; return typeof y === "object" ? JSON.stringify(y) : y; })(${e});`),
    fc.tuple(expression, expression).map(([x, y]) => `[a, b = ${y}] = [${x}];`),
    fc.tuple(variable, expression).map(([v, e]) => `switch (typeof ${e}) { case "number": ${v} = 1; break; case "string": ${v} = 2; default: ${v} = 3; }`),
    fc.tuple(variable, expression).map(([v, e]) => `${v} = (function* () { yield ${e}; yield* [1, 2]; })().next().value;`),
    fc.tuple(variable, expression).map(([v, e]) => `${v} = class { static m(z) { return [z, this.name]; } }.m(${e});`),
  ),
})).stmt;

/** A whole program: declarations, statements, then the completion value to compare. */
export const program = fc.tuple(fc.array(expression, { minLength: 3, maxLength: 3 }), fc.array(statement, { maxLength: 5 }), expression)
  .map(([inits, body, result]) => `var ${VARS.map((v, i) => `${v} = ${inits[i]}`).join(', ')};\n${body.join('\n')}\n${result};`);
