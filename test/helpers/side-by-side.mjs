// Runs a snippet through node:vm and through vmjs's runInNewContext and gives comparable results:
// errors (also inside arrays) as "Name: message", a thrown value as "threw …".
import nodeVm from 'node:vm';
import vm from '../../dist/esm/index.js';

/** A comparable rendering of a completion value. */
export function render(v) {
  if (Array.isArray(v)) return v.map(render);
  if (typeof v === 'object' && v !== null && typeof v.message === 'string' && typeof v.constructor === 'function') return `${v.constructor.name}: ${v.message}`;
  return v;
}

function run(runInNewContext, src) {
  try { return render(runInNewContext(src)); } catch (e) { return `threw ${render(e)}`; }
}

/** { vmjs, node }: the snippet's rendered result in each. */
export function sideBySide(src) {
  return { vmjs: run(vm.runInNewContext, src), node: run(nodeVm.runInNewContext, src) };
}
