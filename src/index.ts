// vmjs: node's vm module, implemented by an interpreter (see README.md).
export * from './vm/index.js';
export { default } from './vm/index.js';
