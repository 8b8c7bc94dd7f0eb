// Builtins: string methods (split, replace, indexOf, case, trim, pad, slice, includes).
function stringMethods(n) {
  var total = 0;
  var text = ' The quick brown fox jumps over the lazy dog, again and again ';
  for (var k = 0; k < n; k++) {
    var words = text.trim().split(' ');
    var upper = words[k % words.length].toUpperCase();
    var replaced = text.replace('fox', upper).replaceAll('again', 'once');
    var padded = String(k).padStart(8, '0');
    total = (total + words.length + replaced.indexOf('lazy') + padded.lastIndexOf('0') + (replaced.includes('ONCE') ? 1 : 0) + replaced.slice(4, 9).length) % 1000003;
  }
  return total;
}
print('string-methods ' + stringMethods(WORK));
