/** One allowed move of a state machine, with who may make it and the audit action it records. */
export interface Transition<S extends string, A extends string> {
  readonly from: S;
  readonly to: S;
  readonly actors: readonly A[];
  readonly action: string;
}

/** Looks a move up in a transition table; anything the table does not list is refused. */
export function transitionTable<S extends string, A extends string>(rows: readonly Transition<S, A>[]) {
  const find = (from: S, to: S): Transition<S, A> | undefined => rows.find((t) => t.from === from && t.to === to);
  return {
    rows,
    find,
    /** Whether `actor` may move from `from` to `to`. */
    allows: (from: S, to: S, actor: A): boolean => find(from, to)?.actors.includes(actor) ?? false,
    /** Whether any of `actors` may (people can act in several capacities at once). */
    allowsAny: (from: S, to: S, actors: readonly A[]): boolean => actors.some((a) => find(from, to)?.actors.includes(a) ?? false),
  };
}
