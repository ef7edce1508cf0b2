/** "CWE-798" -> "798"; undefined for anything that is not a CWE id. */
export function cweNumber(id: string): string | undefined {
  return /^CWE-(\d+)$/i.exec(id.trim())?.[1];
}

export function cweUrl(number: string): string {
  return `https://cwe.mitre.org/data/definitions/${number}.html`;
}
