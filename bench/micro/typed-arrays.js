// Typed array element access: indexed reads and writes on Float64Array, Int32Array and Uint8Array,
// with the loop bound read from `length` as ordinary code does.
function typedArrays(n) {
  var f = new Float64Array(256), s = new Int32Array(256), b = new Uint8Array(256);
  var sum = 0;
  for (var k = 0; k < n; k++) {
    for (var i = 1; i < f.length; i++) {
      f[i] = f[i - 1] * 0.5 + i;
      s[i] = (s[i - 1] + i * k) | 0;
      b[i] = b[i - 1] + i;
    }
    sum = (sum + (f[255] | 0) + (s[255] & 0xffff) + b[255]) % 1000003;
  }
  return sum;
}
print('typed-arrays ' + typedArrays(WORK));
