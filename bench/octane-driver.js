// Runs every benchmark the loaded Octane files registered for a FIXED number of iterations
// (instead of Octane's "run for a second" loop), so that every system does the same work.
// WORK is the fraction of each benchmark's deterministicIterations (Octane's own notion of
// its relative cost) to run. Setup/TearDown stay in, because they hold Octane's result
// checks (a wrong result throws).
(function () {
  var done = [];
  for (var s = 0; s < BenchmarkSuite.suites.length; s++) {
    var suite = BenchmarkSuite.suites[s];
    BenchmarkSuite.ResetRNG();
    for (var b = 0; b < suite.benchmarks.length; b++) {
      var benchmark = suite.benchmarks[b];
      var iterations = Math.max(1, Math.round(benchmark.deterministicIterations * WORK));
      benchmark.Setup();
      for (var i = 0; i < iterations; i++) benchmark.run();
      benchmark.TearDown();
      done.push(benchmark.name + 'x' + iterations);
    }
  }
  print(done.join(' '));
})();
