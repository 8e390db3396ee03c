/** Cumulative spend per day, and a straight line from today's total to the month's forecast on its last day. */
export function spendSeries(daily: readonly { date: string; amount: number }[], month: string, forecast: number) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  let total = 0;
  const actual = daily.map((d) => ({ day: Number(d.date.slice(8, 10)), total: (total += d.amount) }));
  const last = actual[actual.length - 1] ?? { day: 0, total: 0 };
  return { days, actual, forecastLine: [last, { day: days, total: Math.max(forecast, last.total) }] };
}
