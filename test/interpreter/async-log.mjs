// Shared by the async tests: run a snippet in a fresh context of `vm` (node:vm or vmjs) that has a
// `log` array, let the host's event loop turn so promise jobs run, and return the log as JSON (or
// what the snippet threw), so node:vm and vmjs can be compared on values and job order.
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function logOf(vm, code, turns = 6) {
  const context = vm.createContext({});
  vm.runInContext('var log = [];', context);
  try {
    vm.runInContext(code, context);
  } catch (e) {
    return { threw: `${e?.name}: ${e?.message}` };
  }
  for (let i = 0; i < turns; i++) await turn();
  return { log: JSON.stringify(vm.runInContext('log', context)) };
}
