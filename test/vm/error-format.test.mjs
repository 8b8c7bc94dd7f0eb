// node's error message formatters (ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_INVALID_ARG_VALUE),
// compared case by case with node's own lib/internal/errors.js run in a child process.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_INVALID_ARG_VALUE, ERR_SCRIPT_EXECUTION_TIMEOUT } from '../../dist/esm/internal.js';

const require = createRequire(import.meta.url);
const { received, argTypeShapes, outOfRange, argValue } = require('./fixtures/error-cases.cjs');
const nodeScript = fileURLToPath(new URL('./fixtures/node-error-messages.cjs', import.meta.url));
const node = JSON.parse(execFileSync(process.execPath, ['--expose-internals', nodeScript], { encoding: 'utf8' }));

describe('vm errors: message formatters equal node 20\'s', () => {
  it('ERR_INVALID_ARG_TYPE for every expected-shape × received value', () => {
    const ours = [];
    for (const [name, expected] of argTypeShapes) for (const v of received()) ours.push(ERR_INVALID_ARG_TYPE(name, expected, v).message);
    expect(ours.length).to.equal(node.argType.length);
    const diffs = ours.map((m, i) => [m, node.argType[i]]).filter(([a, b]) => a !== b);
    expect(diffs).to.deep.equal([]);
  });

  it('ERR_OUT_OF_RANGE, including numeric separators and bigints', () => {
    const ours = [];
    for (const [name, range] of outOfRange.shapes) for (const v of outOfRange.inputs()) ours.push(ERR_OUT_OF_RANGE(name, range, v).message);
    expect(ours).to.deep.equal(node.outOfRange);
  });

  it('ERR_INVALID_ARG_VALUE, including util.inspect renderings of the value', () => {
    const ours = [];
    for (const [name, reason] of argValue.shapes) {
      for (const v of argValue.values()) ours.push(reason === undefined ? ERR_INVALID_ARG_VALUE(name, v).message : ERR_INVALID_ARG_VALUE(name, v, reason).message);
    }
    const diffs = ours.map((m, i) => [m, node.argValue[i]]).filter(([a, b]) => a !== b);
    expect(diffs).to.deep.equal([]);
  });

  it('error objects have node\'s shape: class, own enumerable code, toString and stack header', () => {
    const e = ERR_INVALID_ARG_TYPE('code', 'string', 1);
    expect(e).to.be.instanceOf(TypeError);
    expect(Object.keys(e)).to.deep.equal(['code']);
    expect(Object.getOwnPropertyDescriptor(e, 'code')).to.deep.equal({ value: 'ERR_INVALID_ARG_TYPE', writable: true, enumerable: true, configurable: true });
    expect(String(e)).to.equal('TypeError [ERR_INVALID_ARG_TYPE]: The "code" argument must be of type string. Received type number (1)');
    expect(e.stack.split('\n')[0]).to.equal(String(e));
    const r = ERR_OUT_OF_RANGE('options.timeout', 'an integer', 1.5);
    expect(r).to.be.instanceOf(RangeError);
    expect(String(r)).to.equal('RangeError [ERR_OUT_OF_RANGE]: The value of "options.timeout" is out of range. It must be an integer. Received 1.5');
  });

  it('the timeout error is a plain Error with a code, as node\'s (made in C++) is', () => {
    const e = ERR_SCRIPT_EXECUTION_TIMEOUT(50);
    expect(Object.getPrototypeOf(e)).to.equal(Error.prototype);
    expect(e.message).to.equal('Script execution timed out after 50ms');
    expect(e.code).to.equal('ERR_SCRIPT_EXECUTION_TIMEOUT');
    expect(String(e)).to.equal('Error: Script execution timed out after 50ms');
  });
});
