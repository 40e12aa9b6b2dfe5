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
