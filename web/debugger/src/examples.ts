// The programs offered in the page's example menu (a shared link brings its own).
export const EXAMPLES: { name: string; source: string }[] = [
  {
    name: 'Recursive factorial',
    source: `function fact(n) {
  if (n <= 1) return 1;
  return n * fact(n - 1);
}

const result = fact(4);
console.log(result);
`,
  },
  {
    name: 'Closure counter',
    source: `function makeCounter() {
  let count = 0;
  return function increment() {
    count += 1;
    return count;
  };
}

const counter = makeCounter();
counter();
counter();
console.log(counter());
`,
  },
  {
    name: 'Class with a method',
    source: `class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
  distanceTo(other) {
    const dx = this.x - other.x;
    const dy = this.y - other.y;
    return Math.sqrt(dx * dx + dy * dy);
  }
}

const a = new Point(0, 0);
const b = new Point(3, 4);
console.log(a.distanceTo(b));
`,
  },
  {
    name: 'Array sort with a comparator',
    source: `const people = [
  { name: 'Ada', born: 1815 },
  { name: 'Grace', born: 1906 },
  { name: 'Alan', born: 1912 },
];
people.sort((p, q) => q.born - p.born);
console.log(people.map((p) => p.name).join(', '));
`,
  },
  {
    name: 'Generator',
    source: `function* range(start, end) {
  for (let i = start; i < end; i++) {
    yield i;
  }
}

let total = 0;
for (const n of range(1, 4)) {
  total += n;
}
console.log(total);
`,
  },
  {
    name: 'Async function',
    source: `async function load(id) {
  const value = await Promise.resolve(id * 2);
  return value + 1;
}

async function main() {
  const a = await load(1);
  const b = await load(2);
  console.log(a + b);
}

main();
`,
  },
];
