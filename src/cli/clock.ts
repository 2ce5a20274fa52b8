// Milliseconds on a monotonic clock, for the CLI's timings: process.hrtime rather than `performance`, which loads
// Node's perf_hooks (~0.6 ms of a cold build) for one number.
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;
