// ECMA-262's abstract operations, one file per chapter in abstract-ops/; this index is what the
// builtins and the interpreter import. Each operation has exactly one implementation.
export * from './abstract-ops/type-conversion.js';
export * from './abstract-ops/testing-comparison.js';
export * from './abstract-ops/object-operations.js';
export * from './abstract-ops/ordinary-objects.js';
export * from './abstract-ops/operators.js';
export * from './abstract-ops/iterator-operations.js';
export * from './abstract-ops/property-descriptors.js';
export * from './abstract-ops/promise-operations.js';
export * from './describe.js';
export * from './abstract-ops/array-buffer-operations.js';
export * from './abstract-ops/typed-array-operations.js';
export * from './abstract-ops/immutable-array-buffer.js';
export * from './abstract-ops/float16.js';
export * from './abstract-ops/array-buffer-slice.js';
