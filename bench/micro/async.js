// Async functions awaiting async functions and promises, and Promise.all: the await machinery and the
// promise job queue. The result is printed from a reaction job, so a system must run its jobs.
async function leaf(i) { return i & 7; }
async function middle(i) {
  var a = await leaf(i);
  var b = await Promise.resolve(i & 3);
  return a + b;
}
async function asyncWork(n) {
  var s = 0;
  for (var i = 0; i < n; i++) s = (s + await middle(i)) % 1000003;
  var all = await Promise.all([middle(1), middle(2), middle(3)]);
  return s + ':' + all.join(',');
}
asyncWork(WORK).then(function (r) { print('async ' + r); });
