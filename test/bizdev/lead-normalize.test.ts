import { describe, expect, it } from 'vitest';
import { isDisposable } from '../../src/agents/bizdev/leads/disposable';
import { companyNameFromDomain, registrableDomain } from '../../src/agents/bizdev/leads/domain';
import { isFreeMail } from '../../src/agents/bizdev/leads/free-mail';
import type { Lead, RawLead } from '../../src/agents/bizdev/leads/lead';
import { normalizeLead } from '../../src/agents/bizdev/leads/normalize';
import { splitName } from '../../src/agents/bizdev/leads/person-name';

function lead(raw: RawLead, defaultCountry?: 'US' | 'GB' | 'DE'): Lead {
  const normalized = normalizeLead(raw, { defaultCountry });
  if (!normalized.ok) throw new Error(normalized.reason);
  return normalized.lead;
}

function reason(raw: RawLead): string {
  const normalized = normalizeLead(raw);
  if (normalized.ok) throw new Error(`accepted: ${JSON.stringify(normalized.lead)}`);
  return normalized.reason;
}

const base = { email: 'jane@acme.com', company: 'Acme' };

describe('splitName', () => {
  it.each([
    ['Jane Doe', 'Jane', 'Doe'],
    ['Doe, Jane', 'Jane', 'Doe'],
    ['Mary Ann Smith', 'Mary Ann', 'Smith'],
    ['John F. Kennedy', 'John F.', 'Kennedy'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['JUAN DE LA CRUZ', 'Juan', 'de la Cruz'],
    ["o'brien, sean", 'Sean', "O'Brien"],
    ['jean-luc picard', 'Jean-Luc', 'Picard'],
    ['Ronald McDonald', 'Ronald', 'McDonald'],
    ['Dr. Jane Doe', 'Jane', 'Doe'],
    ['Jane Doe, PhD', 'Jane', 'Doe'],
    ['John Smith Jr.', 'John', 'Smith Jr.'],
    ['Doe Jr., John', 'John', 'Doe Jr.'],
    ['Jack Ma', 'Jack', 'Ma'],
  ])('%s', (full, firstName, lastName) => {
    expect(splitName(full)).toEqual({ firstName, lastName });
  });

  it('makes a single word the last name', () => {
    expect(splitName('Cher')).toEqual({ lastName: 'Cher' });
  });
});

describe('normalizeLead', () => {
  it('trims, collapses whitespace and keeps line breaks only in notes', () => {
    const l = lead({ ...base, name: '  Jane \t Doe ', company: ' Acme\u00a0 Corp ', title: 'VP\n Sales', notes: ' met  at\tthe booth \n\n\n\n call back ' });
    expect(l).toMatchObject({ firstName: 'Jane', lastName: 'Doe', company: 'Acme Corp', title: 'VP Sales', notes: 'met at the booth\n\ncall back' });
  });

  it('takes firstName and lastName over name, and name when lastName is missing', () => {
    expect(lead({ ...base, firstName: 'Janet', lastName: 'Roe', name: 'Jane Doe' })).toMatchObject({ firstName: 'Janet', lastName: 'Roe' });
    expect(lead({ ...base, firstName: 'Jane', name: 'Jane Doe' })).toMatchObject({ firstName: 'Jane', lastName: 'Doe' });
    expect(lead({ ...base, firstName: 'JANE', lastName: 'DOE' })).toMatchObject({ firstName: 'Jane', lastName: 'Doe' });
  });

  it('derives a name from first.last addresses, flagged, and not from role or one-word addresses', () => {
    const l = lead({ email: 'jane.doe@acme.com', company: 'Acme' });
    expect(l).toMatchObject({ firstName: 'Jane', lastName: 'Doe' });
    expect(l.flags).toContain('name-from-email');
    expect(reason({ email: 'sales.team@acme.com', company: 'Acme' })).toMatch(/^name is missing/);
    expect(reason({ email: 'jdoe@acme.com', company: 'Acme' })).toMatch(/^name is missing/);
    expect(reason({ email: 'jdoe@acme.com', company: 'Acme', firstName: 'Jane' })).toMatch(/^lastName is missing/);
  });

  it('lower-cases the email and rejects a missing or invalid one, naming the field', () => {
    expect(lead({ ...base, name: 'Jane Doe', email: 'Jane@ACME.com' }).email).toBe('jane@acme.com');
    expect(reason({ name: 'Jane Doe', company: 'Acme' })).toMatch(/^email is missing: .*fill the email field/);
    expect(reason({ name: 'Jane Doe', company: 'Acme', email: 'a@@b.com' })).toMatch(/^email "a@@b.com" is not a valid address: it has more than one @; correct the email field/);
  });

  describe('phones', () => {
    it.each([
      ['+1 415 555 2671', undefined, '+14155552671'],
      ['(415) 555-2671', 'US', '+14155552671'],
      ['+44 20 7946 0018', undefined, '+442079460018'],
      ['020 7946 0018', 'GB', '+442079460018'],
      ['+49 30 1234567', undefined, '+49301234567'],
      ['030 1234567', 'DE', '+49301234567'],
      ['0049 30 1234567', 'DE', '+49301234567'],
    ] as const)('%s (%s) -> %s', (phone, country, e164) => {
      const l = lead({ ...base, name: 'Jane Doe', phone }, country);
      expect(l.phone).toBe(e164);
      expect(l.flags).not.toContain('phone-unparsed');
    });

    it.each([
      ['(415) 555-2671', undefined],
      ['020 7946 0018', undefined],
      ['030 1234567', 'US'],
      ['+1 555 555 5555', undefined],
      ['call me maybe', 'US'],
      ['12345', 'DE'],
    ] as const)('flags %s (%s) and keeps no phone', (phone, country) => {
      const l = lead({ ...base, name: 'Jane Doe', phone }, country);
      expect(l.phone).toBeUndefined();
      expect(l.flags).toContain('phone-unparsed');
    });
  });

  describe('company and flags', () => {
    it('keeps the registrable domain of a business address as the company domain', () => {
      expect(lead({ ...base, name: 'Jane Doe', email: 'jane@eu.mail.acme.com' }).companyDomain).toBe('acme.com');
      expect(lead({ ...base, name: 'Jane Doe', email: 'jane@acme-corp.co.uk' }).companyDomain).toBe('acme-corp.co.uk');
    });

    it('derives a missing company from the domain, flagged', () => {
      const l = lead({ name: 'Jane Doe', email: 'jane@acme-corp.co.uk' });
      expect(l.company).toBe('Acme Corp');
      expect(l.flags).toEqual(['company-from-domain']);
      expect(lead({ name: 'Jane Doe', email: 'jane@acme.com', company: 'ACME Inc.' })).toMatchObject({ company: 'ACME Inc.', flags: [] });
    });

    it('flags free-mail, sets no company domain, and requires a company (or a website) for it', () => {
      const l = lead({ name: 'Jane Doe', email: 'jane@gmail.com', company: 'Acme' });
      expect(l.flags).toEqual(['free-mail']);
      expect(l.companyDomain).toBeUndefined();
      expect(reason({ name: 'Jane Doe', email: 'jane@yahoo.co.uk' })).toMatch(/^company is missing, and jane@yahoo.co.uk is a free-mail address.*fill the company field/);
      expect(lead({ name: 'Jane Doe', email: 'jane@gmail.com', website: 'https://www.acme-labs.io/about' })).toMatchObject({
        company: 'Acme Labs',
        companyDomain: 'acme-labs.io',
        flags: ['free-mail', 'company-from-domain'],
      });
    });

    it('flags disposable addresses', () => {
      const l = lead({ name: 'Jane Doe', email: 'jane@mailinator.com', company: 'Acme' });
      expect(l.flags).toEqual(['disposable']);
      expect(l.companyDomain).toBeUndefined();
      expect(reason({ name: 'Jane Doe', email: 'jane@mailinator.com' })).toContain('is a disposable address');
    });
  });
});

describe('free-mail and disposable lists', () => {
  it.each(['gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'outlook.de', 'hotmail.com', 'gmx.de', 'gmx.net', 'web.de', 'yandex.ru', 'proton.me', 'qq.com', '163.com', 'hey.com'])(
    '%s is free-mail',
    (domain) => expect(isFreeMail(domain)).toBe(true),
  );

  it.each(['acme.com', 'gmail.acme.com', 'yahoo.acme.com', 'yahooligans.com', 'webde.com', 'mail.acme.co.uk'])('%s is not free-mail', (domain) => expect(isFreeMail(domain)).toBe(false));

  it.each(['mailinator.com', '10minutemail.com', 'yopmail.com', 'anything.33mail.com'])('%s is disposable', (domain) => expect(isDisposable(domain)).toBe(true));

  it.each(['acme.com', 'gmail.com', 'mailinator.acme.com'])('%s is not disposable', (domain) => expect(isDisposable(domain)).toBe(false));
});

describe('domains', () => {
  it.each([
    ['acme.com', 'acme.com', 'Acme'],
    ['mail.eu.acme.com', 'acme.com', 'Acme'],
    ['acme-corp.co.uk', 'acme-corp.co.uk', 'Acme Corp'],
    ['shop.acme.com.au', 'acme.com.au', 'Acme'],
    ['acme.io', 'acme.io', 'Acme'],
    ['co.acme.de', 'acme.de', 'Acme'],
  ])('%s -> %s, %s', (host, registrable, company) => {
    expect(registrableDomain(host)).toBe(registrable);
    expect(companyNameFromDomain(host)).toBe(company);
  });
});
