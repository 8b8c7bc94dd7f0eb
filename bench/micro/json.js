// Builtins: JSON.stringify and JSON.parse round trips of a record list.
function json(n) {
  var data = [];
  for (var i = 0; i < 50; i++) data.push({ id: i, name: 'item' + i, tags: ['a', 'b'], pos: { x: i * 1.5, y: -i, ok: i % 2 === 0 }, note: null });
  var total = 0;
  for (var k = 0; k < n; k++) {
    data[k % 50].id = k;
    var text = JSON.stringify(data);
    var back = JSON.parse(text);
    total = (total + text.length + back[k % 50].id) % 1000003;
  }
  return total;
}
print('json ' + json(WORK));
