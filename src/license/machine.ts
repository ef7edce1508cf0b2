import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, platform } from 'node:os';

const MACHINE_ID_FILES = ['/etc/machine-id', '/var/lib/dbus/machine-id'];

/** The fingerprint a key can be bound to: a hash of the identity text, so the machine id itself never leaves here. */
export function fingerprintOf(identity: string): string {
  return createHash('sha256').update(`biz-machine-v1\0${identity}`).digest('hex');
}

/** This machine's fingerprint: from /etc/machine-id (systemd, D-Bus), else from hostname and platform. */
export function machineFingerprint(): string {
  return fingerprintOf(machineIdentity());
}

function machineIdentity(): string {
  for (const file of MACHINE_ID_FILES) {
    try {
      const id = readFileSync(file, 'utf8').trim();
      if (id) return `machine-id:${id}`;
    } catch {
      // not on this system; try the next source
    }
  }
  return `host:${hostname()}/${platform()}`;
}
