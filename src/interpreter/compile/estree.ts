// ESTree node types as vmjs uses them: acorn's typed nodes (acorn.d.ts), plus what acorn's types do not
// say: a Script's Program has no module declarations.
// Types only: nothing here exists at run time.
import type { Program, Statement } from 'acorn';

/** A Program parsed with sourceType 'script': its body holds no import/export declarations. */
export interface ScriptProgram extends Program {
  sourceType: 'script';
  body: Statement[];
}
