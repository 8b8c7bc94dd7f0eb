// String building by concatenation and array join, with character reads.
function strings(n) {
  var total = 0;
  for (var k = 0; k < n; k++) {
    var s = '';
    for (var i = 0; i < 64; i++) s += String.fromCharCode(97 + (i + k) % 26);
    var parts = [];
    for (var j = 0; j < 16; j++) parts.push(s.slice(j, j + 4));
    var joined = parts.join('-');
    total = (total + joined.length + s.charCodeAt(k % 64) + joined.indexOf('-', 10)) % 1000003;
  }
  return total;
}
print('strings ' + strings(WORK));
