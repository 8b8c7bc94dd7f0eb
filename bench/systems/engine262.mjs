// engine262: a spec-transcribing interpreter (optional column: very slow, expect timeouts).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @param {(line: string) => void} print */
export async function createRunner(print) {
  const { Agent, setSurroundingAgent, ManagedRealm, Value, CreateDataProperty, AbruptCompletion, inspect } =
    require('@engine262/engine262');
  setSurroundingAgent(new Agent({}));
  const realm = new ManagedRealm({});
  realm.scope(() => {
    const printFn = new Value((args) => {
      print(args.map((a) => (a && a.stringValue ? a.stringValue() : inspect(a))).join(' '));
      return Value.undefined;
    });
    CreateDataProperty(realm.GlobalObject, new Value('print'), printFn);
  });
  return {
    /** @param {string} filename @param {string} source */
    evaluate(filename, source) {
      const completion = realm.evaluateScript(source, { specifier: filename });
      if (completion instanceof AbruptCompletion) {
        throw new Error(realm.scope(() => inspect(completion.Value)));
      }
    },
  };
}

export const version = () => `engine262 ${require('@engine262/engine262/package.json').version.slice(0, 14)}`;
