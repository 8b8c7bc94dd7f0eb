// Builtins: Array.prototype.sort with a comparator (guest calls from the builtin) and without one.
function sorting(n) {
  var total = 0;
  var seed = 7;
  for (var k = 0; k < n; k++) {
    var a = [];
    for (var i = 0; i < 100; i++) { seed = (seed * 1103515245 + 12345) % 2147483648; a.push(seed % 1000); }
    a.sort(function (x, y) { return x - y; });
    var s = a.map(String).sort();
    total = (total + a[k % 100] + s[k % 100].length) % 1000003;
  }
  return total;
}
print('sort ' + sorting(WORK));
