// Array push and indexed reads/writes.
function arrays(n) {
  var sum = 0;
  for (var k = 0; k < n; k++) {
    var a = [];
    for (var i = 0; i < 64; i++) a.push(i * k);
    for (var j = 1; j < a.length; j++) a[j] = (a[j] + a[j - 1]) % 65521;
    sum = (sum + a[a.length - 1] + a.length) % 1000003;
  }
  return sum;
}
print('arrays ' + arrays(WORK));
