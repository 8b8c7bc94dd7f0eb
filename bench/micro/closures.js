// Creating closures and calling them; captured variables read and written.
function makeAdder(a) {
  return function (b) { return a + b; };
}
function makeCounter() {
  var count = 0;
  return { inc: function () { count++; return count; }, get: function () { return count; } };
}
function closures(n) {
  var s = 0;
  var counter = makeCounter();
  for (var i = 0; i < n; i++) {
    var add = makeAdder(i & 1023);
    s = (s + add(i) + counter.inc()) % 1000003;
  }
  return s + ':' + counter.get();
}
print('closures ' + closures(WORK));
