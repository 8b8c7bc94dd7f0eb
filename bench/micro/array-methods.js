// Builtins: array methods with guest callbacks and without (map, filter, reduce, indexOf, slice, concat, join).
function arrayMethods(n) {
  var total = 0;
  var base = [];
  for (var i = 0; i < 40; i++) base.push(i);
  for (var k = 0; k < n; k++) {
    var doubled = base.map(function (x) { return x * 2 + k; });
    var even = doubled.filter(function (x) { return x % 4 === 0; });
    var sum = even.reduce(function (s, x) { return s + x; }, 0);
    var joined = base.slice(k % 10, 20).concat(even).join(',');
    total = (total + sum + doubled.indexOf(k + 10) + joined.length) % 1000003;
  }
  return total;
}
print('array-methods ' + arrayMethods(WORK));
