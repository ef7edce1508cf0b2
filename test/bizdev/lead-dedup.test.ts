import { describe, expect, it } from 'vitest';
import { emailKey, nameCompanyKey } from '../../src/agents/bizdev/leads/dedup-key';

describe('emailKey', () => {
  it.each([
    ['J.Doe+news@Gmail.com', 'jdoe@gmail.com'],
    ['j.d.o.e@googlemail.com', 'jdoe@gmail.com'],
    ['jane.doe+crm@outlook.com', 'jane.doe@outlook.com'],
    ['jane+x@icloud.com', 'jane@icloud.com'],
    ['jane+x@proton.me', 'jane@proton.me'],
    ['Jane.Doe@Acme.com', 'jane.doe@acme.com'],
  ])('%s -> %s', (email, key) => {
    expect(emailKey(email)).toBe(key);
  });

  it('leaves dots and +tags alone where the provider does not ignore them', () => {
    expect(emailKey('jane.doe+x@acme.com')).toBe('jane.doe+x@acme.com');
    expect(emailKey('jane.doe@outlook.com')).not.toBe(emailKey('janedoe@outlook.com'));
    expect(emailKey('jane.doe+x@yahoo.com')).toBe('jane.doe+x@yahoo.com');
  });
});

describe('nameCompanyKey', () => {
  it('folds case, accents and legal forms', () => {
    const key = nameCompanyKey({ firstName: 'José', lastName: 'Núñez', company: 'Acme, Inc.' });
    expect(key).toBe('jose nunez|acme');
    expect(nameCompanyKey({ firstName: 'JOSE', lastName: 'NUNEZ', company: 'ACME Inc' })).toBe(key);
    expect(nameCompanyKey({ firstName: 'jose', lastName: 'nunez', company: 'acme' })).toBe(key);
  });

  it.each([
    ['Müller GmbH', 'muller'],
    ['Acme GmbH & Co. KG', 'acme'],
    ['Société Générale S.A.', 'societe generale'],
    ['Globex SAS', 'globex'],
    ['Initech B.V.', 'initech'],
    ['Hooli LLC', 'hooli'],
    ['Straße AG', 'strasse'],
    ['Umbrella Corp.', 'umbrella'],
    ['Procter & Gamble Co', 'procter and gamble'],
    ['Co', 'co'],
  ])('%s -> %s', (company, folded) => {
    expect(nameCompanyKey({ lastName: 'Doe', company })).toBe(`doe|${folded}`);
  });

  it('keeps names and companies that differ apart', () => {
    expect(nameCompanyKey({ firstName: 'Jane', lastName: 'Doe', company: 'Acme' })).not.toBe(nameCompanyKey({ firstName: 'John', lastName: 'Doe', company: 'Acme' }));
    expect(nameCompanyKey({ firstName: 'Jane', lastName: 'Doe', company: 'Acme Labs' })).not.toBe(nameCompanyKey({ firstName: 'Jane', lastName: 'Doe', company: 'Acme' }));
  });
});
