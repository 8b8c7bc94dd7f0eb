// Generator objects (§27.5): the entry points %GeneratorPrototype% uses.
export { GeneratorResume, GeneratorResumeAbrupt } from './generator-object.js';
