// Live progress: a bar with counts, rate and ETA on a terminal; plain periodic lines otherwise.
import cliProgress from 'cli-progress';
import type { TestResult } from './result.js';

export interface Progress {
  tick(r: TestResult): void;
  stop(): void;
}

interface Counts { pass: number; fail: number; skip: number }

function eta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function createProgress(mode: 'bar' | 'plain' | 'none', totalTests: number, write: (line: string) => void, intervalMs = 10000): Progress {
  const counts: Counts = { pass: 0, fail: 0, skip: 0 };
  const started = Date.now();
  let done = 0;
  const rate = (): number => done / Math.max(0.001, (Date.now() - started) / 1000);
  if (mode === 'none') return { tick: (r) => { counts[r.status]++; }, stop: () => {} };
  if (mode === 'bar') {
    const bar = new cliProgress.SingleBar({
      format: ' {bar} {percentage}% | {value}/{total} | pass {pass} fail {fail} skip {skip} | {rate}/s | ETA {eta_formatted}',
      etaBuffer: 500,
      fps: 5,
      hideCursor: true,
      stream: process.stderr,
    }, cliProgress.Presets.shades_classic);
    bar.start(totalTests, 0, { ...counts, rate: '0' });
    return {
      tick: (r) => { counts[r.status]++; done++; bar.update(done, { ...counts, rate: rate().toFixed(1) }); },
      stop: () => bar.stop(),
    };
  }
  const line = (): string => {
    const r = rate();
    return `[${done}/${totalTests}] ${((done / Math.max(1, totalTests)) * 100).toFixed(1)}% | pass ${counts.pass} fail ${counts.fail} skip ${counts.skip} | ${r.toFixed(1)} tests/s | ETA ${eta((totalTests - done) / r)}`;
  };
  const timer = setInterval(() => write(line()), intervalMs);
  timer.unref();
  return {
    tick: (r) => { counts[r.status]++; done++; },
    stop: () => { clearInterval(timer); write(line()); },
  };
}
