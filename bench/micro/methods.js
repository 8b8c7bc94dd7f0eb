// Method calls on class instances: prototype lookup, `this`, getters, allocation.
class Vec {
  constructor(x, y) { this.x = x; this.y = y; }
  add(o) { return new Vec(this.x + o.x, this.y + o.y); }
  dot(o) { return this.x * o.x + this.y * o.y; }
  get norm1() { return Math.abs(this.x) + Math.abs(this.y); }
}
class Counter {
  constructor() { this.n = 0; }
  inc(by) { this.n = (this.n + by) % 1000003; return this; }
}
function methods(n) {
  var c = new Counter();
  var v = new Vec(1, 2);
  var step = new Vec(3, -1);
  for (var i = 0; i < n; i++) {
    v = v.add(step);
    if (v.norm1 > 1000) v = new Vec(i & 7, -(i & 3));
    c.inc(v.dot(step) & 0xff).inc(1);
  }
  return c.n + ':' + v.x + ',' + v.y;
}
print('methods ' + methods(WORK));
