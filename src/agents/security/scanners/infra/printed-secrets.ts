import { isSecretName } from './secret-names';
import { expansions, loggedPrints, type Expansion } from './shell';

/** Secret-named variables a line prints to the job log: `echo $TOKEN`, `printf '%s\n' "${API_KEY}"`. */
export function printedSecretVariables(line: string): Expansion[] {
  const found = expansions(line).filter((e) => isSecretName(e.name));
  return loggedPrints(line)
    .filter((print) => !print.text.includes('::add-mask::'))
    .flatMap((print) => found.filter((e) => e.index >= print.start && e.index < print.end));
}
