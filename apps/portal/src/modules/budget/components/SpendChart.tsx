import { tokens } from '@fluentui/react-components';
import { spendSeries } from '../spendSeries';

const W = 560;
const H = 180;
const PAD = 32;

/** Month-to-date spend (solid), forecast (dashed) and the budget line, in plain SVG. */
export function SpendChart({ daily, month, forecast, budget, currency }: { daily: readonly { date: string; amount: number }[]; month: string; forecast: number; budget: number | null; currency: string }) {
  const { days, actual, forecastLine } = spendSeries(daily, month, forecast);
  const top = Math.max(budget ?? 0, forecast, actual[actual.length - 1]?.total ?? 0, 1) * 1.1;
  const x = (day: number) => PAD + ((W - 2 * PAD) * day) / days;
  const y = (v: number) => H - PAD - ((H - 2 * PAD) * v) / top;
  const line = (pts: { day: number; total: number }[]) => pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.day).toFixed(1)},${y(p.total).toFixed(1)}`).join(' ');
  return (
    <svg role="img" aria-label={`Spend this month: ${actual[actual.length - 1]?.total.toFixed(2) ?? '0.00'} ${currency}, forecast ${forecast.toFixed(2)}`} width={W} height={H} viewBox={`0 0 ${W} ${H}`}>
      <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} stroke={tokens.colorNeutralStroke1} />
      <line x1={PAD} y1={PAD} x2={PAD} y2={H - PAD} stroke={tokens.colorNeutralStroke1} />
      {budget !== null && (
        <>
          <line x1={PAD} x2={W - PAD} y1={y(budget)} y2={y(budget)} stroke={tokens.colorPaletteRedBorder2} strokeDasharray="2 4" />
          <text x={W - PAD} y={y(budget) - 4} textAnchor="end" fontSize="11">budget {budget.toFixed(0)} {currency}</text>
        </>
      )}
      {actual.length > 0 && <path d={line(forecastLine)} fill="none" stroke={tokens.colorBrandStroke2} strokeDasharray="6 4" />}
      {actual.length > 0 && <path d={line(actual)} fill="none" stroke={tokens.colorBrandStroke1} strokeWidth={2} />}
      <text x={PAD} y={H - 8} fontSize="11">day 1</text>
      <text x={W - PAD} y={H - 8} fontSize="11" textAnchor="end">day {days}</text>
    </svg>
  );
}
