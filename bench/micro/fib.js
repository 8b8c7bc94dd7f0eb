// Recursive calls: call/return overhead and argument passing dominate.
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
var total = 0;
for (var r = 0; r < WORK; r++) total += fib(22);
print('fib ' + total);
