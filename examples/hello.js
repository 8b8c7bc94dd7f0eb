// vmjs run examples/hello.js
// A tiny tour: everything below is interpreted by vmjs, in a fresh context.
function greet(name) {
  return `Hello, ${name}!`;
}

class Counter {
  #count = 0;
  increment() { return ++this.#count; }
}

const counter = new Counter();
const visitors = ['Ada', 'Grace', 'Alan'];
for (const name of visitors) {
  console.log(greet(name), `(visitor #${counter.increment()})`);
}

const [first, ...others] = visitors;
console.log({ first, others, total: visitors.length });

function* fibonacci() {
  let [a, b] = [0, 1];
  for (;;) { yield a; [a, b] = [b, a + b]; }
}
const fib = [];
for (const n of fibonacci()) { if (fib.length === 10) break; fib.push(n); }
console.log('Fibonacci:', fib.join(', '));
