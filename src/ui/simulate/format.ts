/** How Simulate writes simulated times: seconds with 3 decimals below a minute, then h/min/s. */
export function formatClock(t: number): string {
  if (!Number.isFinite(t)) return '–';
  if (t < 60) return `${t.toFixed(3)} s`;
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  const sec = s.toFixed(s < 10 ? 1 : 1).padStart(4, '0');
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min ${sec} s` : `${m} min ${sec} s`;
}

/** A duration such as a retry delay: "250 ms", "4 s", "5 h". */
export function formatDelay(s: number): string {
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 120) return `${Number(s.toFixed(2))} s`;
  if (s < 7200) return `${Number((s / 60).toFixed(1))} min`;
  return `${Number((s / 3600).toFixed(2))} h`;
}

/**
 * An integer with thousands separators, as `n.toLocaleString('en')` writes it ("1,000,000").
 * Hand-rolled on purpose: the first `toLocaleString` call of a page loads ICU's number data, a
 * 40–55 ms stall measured in Chromium right when Simulate mounts its player — a long task by itself.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en');
  const digits = String(Math.abs(n));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = (end > 3 ? ',' : '') + digits.slice(Math.max(0, end - 3), end) + out;
  return n < 0 ? `-${out}` : out;
}
