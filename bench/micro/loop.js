// A numeric loop over locals: arithmetic, comparisons and assignment only.
function loop(n) {
  var acc = 0;
  for (var i = 0; i < n; i++) {
    acc = (acc + i * i) % 1000003;
    if ((i & 7) === 3) acc = acc ^ i;
  }
  return acc;
}
print('loop ' + loop(WORK));
