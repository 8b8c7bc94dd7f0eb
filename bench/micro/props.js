// Property reads and writes on plain objects, including a nested object.
function props(n) {
  var points = [];
  for (var i = 0; i < 64; i++) points.push({ x: i, y: i * 2, z: i * 3, meta: { w: 1 } });
  var sum = 0;
  for (var k = 0; k < n; k++) {
    for (var j = 0; j < points.length; j++) {
      var p = points[j];
      p.x = (p.y + p.z - p.x + p.meta.w) & 0xffff;
      p.meta.w = (p.meta.w + 1) & 0xff;
      sum = (sum + p.x) % 1000003;
    }
  }
  return sum;
}
print('props ' + props(WORK));
