import { parse } from 'smol-toml';
import type { LockfileContents } from '../package';
import { lineOfError, malformed, messageOf } from './malformed';

export interface TomlPackage {
  fields: Record<string, unknown>;
  line: number; // the `name = ...` line of the table, or its [[package]] header
}

/** The [[package]] tables of poetry.lock and Cargo.lock, each with the line that names it. */
export function readTomlPackages(
  file: string,
  text: string,
  read: (tables: TomlPackage[]) => LockfileContents,
): LockfileContents {
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    return malformed(file, lineOfError(error), messageOf(error));
  }
  const tables = Array.isArray(document.package) ? (document.package as Record<string, unknown>[]) : [];
  const lines = nameLines(text);
  return read(tables.map((fields, index) => ({ fields, line: lines[index] ?? 1 })));
}

function nameLines(text: string): number[] {
  const lines: number[] = [];
  let inPackage = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inPackage = line === '[[package]]';
      if (inPackage) lines.push(index + 1);
    } else if (inPackage && /^name\s*=/.test(line)) {
      lines[lines.length - 1] = index + 1;
      inPackage = false;
    }
  });
  return lines;
}

export function tomlString(fields: Record<string, unknown>, key: string): string | undefined {
  const value = fields[key];
  return typeof value === 'string' ? value : undefined;
}
