// Dates spelled out (no 11/29 vs 29/11 ambiguity) and the zone named: people in different zones compare audit
// entries, review times and schedules, and a bare "9:16 AM" cannot say whose morning it was.
const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short',
});
const date = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });

function format(iso: string, formatter: Intl.DateTimeFormat): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : formatter.format(at);
}

/** An API timestamp as local date and time, to the second (dataset transfer steps are seconds apart), with the time zone; the one timestamp format the pages share. */
export function formatTime(iso: string): string {
  return format(iso, dateTime);
}

/** A calendar date alone (a project's creation day), month spelled out. */
export function formatDate(iso: string): string {
  return format(iso, date);
}

/** Time of day with the zone, for what happened today (an environment step, when a spend figure was priced). */
export function formatClock(iso: string): string {
  return format(iso, clock);
}
