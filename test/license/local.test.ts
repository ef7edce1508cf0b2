import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolvePaths } from '../../src/config/paths';
import { licenseKeyPath, readStoredKey, removeStoredKey, storeKey } from '../../src/license/key-file';
import { advanceLastSeen, lastSeenPath, readLastSeen } from '../../src/license/last-seen';
import { fingerprintOf, machineFingerprint } from '../../src/license/machine';
import { tempDir } from '../helpers';
import { DAY, NOW } from './support';

const freshPaths = () => resolvePaths({ BIZ_HOME: tempDir('biz-license-') });

describe('the last time biz saw', () => {
  it('only moves forward, and is written atomically', () => {
    const paths = freshPaths();
    expect(readLastSeen(paths)).toBeUndefined();
    advanceLastSeen(paths, NOW);
    expect(readLastSeen(paths)).toBe(NOW);
    advanceLastSeen(paths, NOW - 5 * DAY);
    expect(readLastSeen(paths)).toBe(NOW);
    advanceLastSeen(paths, NOW + DAY);
    expect(readLastSeen(paths)).toBe(NOW + DAY);
    expect(readdirSync(paths.dataDir)).toEqual(['license-last-seen']);
  });

  it('an unreadable record counts as none and is replaced', () => {
    const paths = freshPaths();
    advanceLastSeen(paths, NOW);
    writeFileSync(lastSeenPath(paths), 'yesterday');
    expect(readLastSeen(paths)).toBeUndefined();
    advanceLastSeen(paths, NOW);
    expect(readLastSeen(paths)).toBe(NOW);
  });
});

describe('the stored key', () => {
  it('lives in <configDir>/license.key with mode 0600, and can be removed', () => {
    const paths = freshPaths();
    expect(readStoredKey(paths)).toBeUndefined();
    expect(removeStoredKey(paths)).toBe(false);
    storeKey(paths, '  biz1.k.p.s\n');
    expect(licenseKeyPath(paths)).toBe(`${paths.configDir}/license.key`);
    expect(statSync(licenseKeyPath(paths)).mode & 0o777).toBe(0o600);
    expect(readFileSync(licenseKeyPath(paths), 'utf8')).toBe('biz1.k.p.s\n');
    expect(readStoredKey(paths)).toBe('biz1.k.p.s');
    expect(removeStoredKey(paths)).toBe(true);
    expect(readStoredKey(paths)).toBeUndefined();
  });
});

describe('the machine fingerprint', () => {
  it('is a stable 64-hex-digit hash that differs between machines', () => {
    expect(machineFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(machineFingerprint()).toBe(machineFingerprint());
    expect(fingerprintOf('machine-id:a')).not.toBe(fingerprintOf('machine-id:b'));
  });
});
