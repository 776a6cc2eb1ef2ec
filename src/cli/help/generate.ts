/** The build's entry for dist/help-pages.json: the pages of elbctl's own command tree (scripts/build.js). */
import { VERSION } from '../main';
import { buildProgram } from '../program';
import { helpPages } from './extract';
import type { HelpPages } from './page';

/** Pages only: no command ever runs, so the runner is never called. */
export const elbctlHelpPages = (): HelpPages =>
  helpPages(
    buildProgram(VERSION, async () => {
      throw new Error('help pages are extracted, never run');
    }),
    VERSION,
  );
