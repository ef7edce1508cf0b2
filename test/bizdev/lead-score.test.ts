import { describe, expect, it } from 'vitest';
import type { Lead } from '../../src/agents/bizdev/leads/lead';
import { scoreLead } from '../../src/agents/bizdev/leads/score';
import { matchSeniority } from '../../src/agents/bizdev/leads/seniority';

const lead = (over: Partial<Lead>): Lead => ({ lastName: 'Doe', email: 'jane@acme.com', company: 'Acme', flags: [], ...over });

describe('matchSeniority', () => {
  it.each([
    ['CEO', 'c-level', 'CEO'],
    ['ciso', 'c-level', 'ciso'],
    ['Chief Revenue Officer', 'c-level', 'Chief'],
    ['Co-Founder & CTO', 'c-level', 'CTO'],
    ['Founder', 'c-level', 'Founder'],
    ['Owner', 'c-level', 'Owner'],
    ['President', 'c-level', 'President'],
    ['Managing Director', 'c-level', 'Managing Director'],
    ['Managing Partner', 'c-level', 'Managing Partner'],
    ['VP Sales', 'vp', 'VP'],
    ['SVP, Marketing', 'vp', 'SVP'],
    ['evp operations', 'vp', 'evp'],
    ['Vice President of Engineering', 'vp', 'Vice President'],
    ['Sr. VP Sales', 'vp', 'VP'],
    ['Head of Growth', 'vp', 'Head'],
    ['Dir. of Engineering', 'vp', 'Dir.'],
    ['Director, Office of the CEO', 'vp', 'Director'],
    ['Chief of Staff', 'vp', 'Chief of Staff'],
    ['Engineering Manager', 'manager', 'Manager'],
    ['Team Lead', 'manager', 'Team Lead'],
    ['Tech Lead', 'manager', 'Lead'],
    ['Sr. Software Engineer', 'individual', 'Engineer'],
    ['Account Executive', 'individual', 'Executive'],
    ['Executive Assistant to the CEO', 'individual', 'Executive'],
    ['Product Owner', 'individual', undefined],
    ['Founding Engineer', 'individual', 'Engineer'],
    ['Lead Generation Specialist', 'individual', 'Specialist'],
    ['Partner Manager', 'manager', 'Manager'],
  ])('%s -> %s', (title, level, term) => {
    const match = matchSeniority(title);
    if (term === undefined) expect(match).toBeUndefined();
    else expect(match).toMatchObject({ level, term });
  });
});

describe('scoreLead', () => {
  it('explains every point of a complete senior referral', () => {
    const s = scoreLead(lead({ title: 'VP Sales', source: 'Referral', phone: '+14155552671', companyDomain: 'acme.com' }));
    expect(s.reasons).toEqual([
      '+25 title: VP (vice president)',
      '+5 has a title',
      '+30 source: Referral (referral)',
      '+15 has a phone number',
      '+15 company domain: acme.com',
    ]);
    expect(s).toMatchObject({ score: 90, grade: 'A' });
  });

  it('adds up to 100 for a C-level referral with every field', () => {
    expect(scoreLead(lead({ title: 'CEO', source: 'referral', phone: '+14155552671', companyDomain: 'acme.com' }))).toMatchObject({ score: 100, grade: 'A' });
  });

  it('ranks seniority: C-level > VP > manager > individual contributor', () => {
    const scores = ['Founder', 'Director of Sales', 'Sales Manager', 'Sales Engineer'].map((title) => scoreLead(lead({ title })).score);
    expect(scores).toEqual([40, 30, 20, 10]);
  });

  it('ranks sources: referral > inbound > event > outbound, and says when it does not know one', () => {
    const points = ['Partner referral', 'Demo request', 'Webinar', 'Purchased list', 'Carrier pigeon'].map((source) => scoreLead(lead({ source })).score);
    expect(points).toEqual([30, 20, 12, 5, 0]);
    expect(scoreLead(lead({ source: 'Carrier pigeon' })).reasons).toEqual(['+0 source: Carrier pigeon (not a source these rules know)']);
  });

  it('scores a title these rules do not know as an individual contributor, quoting it', () => {
    expect(scoreLead(lead({ title: 'Growth Hacker' })).reasons[0]).toBe('+5 title: Growth Hacker (individual contributor)');
  });

  it('takes points off free-mail and disposable addresses, never below 0', () => {
    const free = scoreLead(lead({ email: 'jane@gmail.com', title: 'CTO', source: 'inbound', flags: ['free-mail'] }));
    expect(free.reasons).toContain('-15 free-mail address (gmail.com)');
    expect(free).toMatchObject({ score: 45, grade: 'C' });
    const throwaway = scoreLead(lead({ email: 'x@mailinator.com', flags: ['disposable'] }));
    expect(throwaway.reasons).toEqual(['-40 disposable address (mailinator.com)', '+40 floor: a score is never below 0']);
    expect(throwaway).toMatchObject({ score: 0, grade: 'D' });
  });

  it('grades at 75, 50 and 25', () => {
    expect(scoreLead(lead({ title: 'VP', source: 'event', phone: '+1', companyDomain: 'acme.com' })).grade).toBe('B'); // 25+5+12+15+15 = 72
    expect(scoreLead(lead({ title: 'CEO', source: 'inbound', companyDomain: 'acme.com' })).grade).toBe('A'); // 35+5+20+15 = 75
    expect(scoreLead(lead({ title: 'Manager', source: 'outbound', phone: '+1', companyDomain: 'acme.com' })).grade).toBe('B'); // 15+5+5+15+15 = 55
    expect(scoreLead(lead({ companyDomain: 'acme.com', title: 'Engineer' })).grade).toBe('C'); // 15+5+5 = 25
    expect(scoreLead(lead({ companyDomain: 'acme.com' })).grade).toBe('D'); // 15
  });
});
