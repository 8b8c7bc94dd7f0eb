// vm.measureMemory: node's argument checks; the promise rejects because an
// interpreter has no V8 heap to measure (there is no portable equivalent).
import { ERR_VMJS_NOT_IMPLEMENTED } from './errors.js';
import { validateObject, validateOneOf } from './validators.js';

export interface MeasureMemoryOptions {
  mode?: 'summary' | 'detailed';
  execution?: 'default' | 'eager';
}

export function measureMemory(options: unknown = {}): Promise<never> {
  validateObject(options, 'options');
  const { mode = 'summary', execution = 'default' } = options as MeasureMemoryOptions;
  validateOneOf(mode, 'options.mode', ['summary', 'detailed']);
  validateOneOf(execution, 'options.execution', ['default', 'eager']);
  return Promise.reject(ERR_VMJS_NOT_IMPLEMENTED('vm.measureMemory()'));
}
