// Which objects have an [[ErrorData]] internal slot (§20.5.8): the errors every realm's constructors
// and the evaluator make. Guest errors are host Error objects with a realm's prototype, but the host
// offers no portable test for the slot (node 20 has no Error.isError), so each one is recorded when
// it is made. Agent-wide, so that Error.isError answers for errors of other realms too.
const errorData = new WeakSet<object>();

/** Records that `o` was made with an [[ErrorData]] slot. */
export function markErrorData(o: object): void {
  errorData.add(o);
}

/** Whether `o` has an [[ErrorData]] internal slot. */
export function hasErrorData(o: object): boolean {
  return errorData.has(o);
}
