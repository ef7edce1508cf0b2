import { describe, expect, it } from 'vitest';
import { extractLeadFromText } from '../../src/agents/bizdev/leads/from-text';

describe('extractLeadFromText', () => {
  it('reads a forwarded email: the From header, not the recipient, and the signature', () => {
    const text = [
      'From: Jane Doe <jane.doe@acme-corp.com>',
      'To: Sam Seller <sam@ourcompany.com>',
      'Subject: Pricing for 200 seats',
      '',
      'Hi Sam,',
      '',
      'Thanks for the call yesterday. Could you send pricing for 200 seats?',
      '',
      'Best regards,',
      'Jane Doe',
      'VP Sales, Acme Corp Inc.',
      'Mobile: +1 (415) 555-2671',
      'https://www.acme-corp.com',
    ].join('\n');
    expect(extractLeadFromText(text)).toEqual({
      fields: { email: 'jane.doe@acme-corp.com', name: 'Jane Doe', title: 'VP Sales', company: 'Acme Corp Inc.', phone: '+14155552671', website: 'https://www.acme-corp.com' },
      found: ['email', 'name', 'title', 'company', 'phone', 'website'],
    });
  });

  it('reads a one-line signature with pipes, skipping a profile link', () => {
    const text = 'Great to meet you at the summit!\n\n--\nMaria García | Head of Growth | Globex GmbH\nmaria@globex.de | linkedin.com/in/mariagarcia | www.globex.de\n+49 30 1234567';
    expect(extractLeadFromText(text).fields).toEqual({ email: 'maria@globex.de', name: 'Maria García', title: 'Head of Growth', company: 'Globex GmbH', phone: '+49301234567', website: 'www.globex.de' });
  });

  it('reads a stacked signature: department after the rank, company on its own line', () => {
    const text = ['Can we get a demo next week?', '', 'Kind regards,', '', 'Tom Baker', 'Director, Engineering', 'Initech Ltd', 'tom.baker@initech.co.uk', '020 7946 0018'].join('\n');
    expect(extractLeadFromText(text, { defaultCountry: 'GB' }).fields).toEqual({
      email: 'tom.baker@initech.co.uk',
      name: 'Tom Baker',
      title: 'Director, Engineering',
      company: 'Initech Ltd',
      phone: '+442079460018',
    });
  });

  it('reads "title at company" and takes the company from the domain when the signature has none', () => {
    const atCompany = extractLeadFromText('Cheers,\nPriya Patel\nFounder at Hooli\npriya@hooli.io');
    expect(atCompany.fields).toEqual({ email: 'priya@hooli.io', name: 'Priya Patel', title: 'Founder', company: 'Hooli' });
    const fromDomain = extractLeadFromText('Thanks!\nLee Chen\nSenior Software Engineer\nlee@vandelay-industries.com');
    expect(fromDomain.fields).toEqual({ email: 'lee@vandelay-industries.com', name: 'Lee Chen', title: 'Senior Software Engineer', company: 'Vandelay Industries' });
  });

  it('takes from meeting notes only what is certain', () => {
    const notes = 'Call notes 12 March: spoke with someone from their ops team, interested in the Q3 rollout. Reach them at ops.lead@umbrella-corp.com or call +1 202 555 0143.';
    expect(extractLeadFromText(notes)).toEqual({
      fields: { email: 'ops.lead@umbrella-corp.com', company: 'Umbrella Corp', phone: '+12025550143' },
      found: ['email', 'company', 'phone'],
    });
  });

  describe('look-alikes it does not take', () => {
    it('skips no-reply senders and recipients, and takes the next address', () => {
      const text = 'From: Acme Notifications <no-reply@acme.com>\nTo: me@ourcompany.com\nCc: boss@ourcompany.com\n\nNew signup: jane@startup.io';
      expect(extractLeadFromText(text).fields.email).toBe('jane@startup.io');
      expect(extractLeadFromText('Sent by noreply+alerts@acme.com').fields.email).toBeUndefined();
    });

    it('does not take a free-mail domain as the company, nor a free-mail host as the website', () => {
      expect(extractLeadFromText('Regards,\nJane Doe\njane.doe@gmail.com').fields).toEqual({ email: 'jane.doe@gmail.com', name: 'Jane Doe' });
    });

    it('does not take a sign-off inside a sentence, nor a line that is not a name', () => {
      expect(extractLeadFromText('Thanks for the demo yesterday.\nJane Doe\nCTO').fields).toEqual({});
      expect(extractLeadFromText('Best,\nthe Acme team\nsales@acme.com').fields).toEqual({ email: 'sales@acme.com', company: 'Acme' });
    });

    it('does not take a department after the rank as the company', () => {
      expect(extractLeadFromText('Best,\nJane Doe\nVP, Sales').fields).toEqual({ name: 'Jane Doe', title: 'VP, Sales' });
    });

    it('does not take an unknown line under the title as the company', () => {
      expect(extractLeadFromText('Best,\nJane Doe\nVP Sales\nSan Francisco, CA\njane@acme.com').fields).toEqual({ email: 'jane@acme.com', name: 'Jane Doe', title: 'VP Sales', company: 'Acme' });
    });

    it('does not take a number that is not a valid phone number', () => {
      expect(extractLeadFromText('Order 4155550000 shipped on 2024-01-02, invoice 1234567.').fields.phone).toBeUndefined();
    });
  });
});
