import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMapFlags, readLeadRows, type DetectedFile, type ReadLeadRowsOptions, type RowOk, type RowRejected } from '../../src/agents/bizdev/leads/read-rows';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'leads', name);

async function readAll(path: string, opts: ReadLeadRowsOptions = {}) {
  const rows: (RowOk | RowRejected)[] = [];
  let detected: DetectedFile | undefined;
  for await (const row of readLeadRows(path, { ...opts, onDetected: (d) => (detected = d) })) rows.push(row);
  return { rows, detected: detected! };
}

const scratch = mkdtempSync(join(tmpdir(), 'biz-lead-rows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('readLeadRows: CSV', () => {
  it('strips a BOM and maps headers by their aliases', async () => {
    const { rows, detected } = await readAll(fixture('bom.csv'));
    expect(detected).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', header: 'First Name,Last Name,E-mail,Company Name,Job Title' });
    expect(detected.columns!.map((c) => c.field)).toEqual(['firstName', 'lastName', 'email', 'company', 'title']);
    expect(rows[0]).toEqual({
      line: 2,
      row: 1,
      raw: { firstName: 'Jane', lastName: 'Doe', email: 'jane@acme.com', company: 'Acme Inc', title: 'VP Sales' },
      text: 'Jane,Doe,jane@acme.com,Acme Inc,VP Sales',
    });
    expect(rows[1]).toMatchObject({ line: 3, row: 2, raw: { firstName: 'José', lastName: 'Núñez' } });
  });

  it('counts quoted line breaks and blank lines in `line`, not in `row`', async () => {
    const { rows } = await readAll(fixture('quoted-newlines.csv'));
    expect(rows.map((r) => [r.line, r.row])).toEqual([
      [2, 1],
      [6, 2],
      [7, 3],
      [11, 4],
    ]);
    expect((rows[0] as RowOk).raw.notes).toBe('Met at the booth.\nWants a demo.\nCall in May.');
    expect(rows[2]!.text).toBe('"Mary\nAnn Lee",mary@initech.com,Initech,"one\n\ntwo"');
  });

  it('counts lines the same with CRLF line ends', async () => {
    const { rows } = await readAll(fixture('crlf.csv'));
    expect(rows.map((r) => [r.line, r.row])).toEqual([
      [2, 1],
      [3, 2],
      [5, 3],
    ]);
    expect((rows[0] as RowOk).raw).toEqual({ name: 'Jane Doe', email: 'jane@acme.com' });
  });

  it('counts lines right across the chunks a large CRLF file is read in', async () => {
    const path = join(scratch, 'crlf-large.csv');
    const expected: number[] = [];
    let text = 'name,email,notes\r\n';
    let line = 2;
    for (let i = 0; i < 20_000; i++) {
      expected.push(line);
      const multiline = i % 7 === 0;
      text += `Person ${i},p${i}@acme.com,${multiline ? '"first\r\nsecond"' : 'plain'}\r\n`;
      line += multiline ? 2 : 1;
    }
    writeFileSync(path, text);
    const { rows } = await readAll(path);
    expect(rows.map((r) => r.line)).toEqual(expected);
    expect((rows[7] as RowOk).raw.notes).toBe('first\r\nsecond');
  });

  it('reads bytes that are not UTF-8 as windows-1252 and says so', async () => {
    const { rows, detected } = await readAll(fixture('latin1.csv'));
    expect(detected).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect((rows[0] as RowOk).raw).toEqual({ name: 'Jürgen Müller', email: 'juergen.mueller@beispiel.de', company: 'Müller & Söhne GmbH', title: 'Geschäftsführer' });
    expect((rows[1] as RowOk).raw.company).toBe('Société Générale');
  });

  it('keeps UTF-8 whose first 64 KiB end inside a character', async () => {
    const path = join(scratch, 'boundary.csv');
    const header = 'name,email,notes\n';
    // "é" is two bytes; the filler puts the cut at 65,536 bytes between them.
    const filler = 'x'.repeat(65_536 - Buffer.byteLength(header) - Buffer.byteLength('Jane Doe,jane@acme.com,') - 1);
    writeFileSync(path, `${header}Jane Doe,jane@acme.com,${filler}é\nJohn Roe,john@acme.com,Müller\n`);
    const { rows, detected } = await readAll(path);
    expect(detected.encoding).toBe('utf-8');
    expect((rows[1] as RowOk).raw.notes).toBe('Müller');
  });

  it('reads UTF-16 with a byte-order mark', async () => {
    const path = join(scratch, 'utf16.csv');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\tEmail\nJürgen Müller\tj@beispiel.de\n', 'utf16le')]));
    const { rows, detected } = await readAll(path);
    expect(detected).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect((rows[0] as RowOk).raw).toEqual({ name: 'Jürgen Müller', email: 'j@beispiel.de' });
  });

  it('detects a semicolon delimiter, with commas inside values', async () => {
    const { rows, detected } = await readAll(fixture('semicolon.csv'));
    expect(detected.delimiter).toBe(';');
    expect((rows[0] as RowOk).raw).toEqual({ name: 'Doe, Jane', email: 'jane@acme.de', company: 'Acme, Inc.', phone: '030 1234567' });
  });

  it('reads .tsv with tabs', async () => {
    const { rows, detected } = await readAll(fixture('leads.tsv'));
    expect(detected.delimiter).toBe('\t');
    expect((rows[0] as RowOk).raw).toEqual({ name: 'Jane Doe', email: 'jane@acme.com', company: 'Acme, Inc.', phone: '+44 7911 123456' });
  });

  it('reads short rows, rejects rows without email or with extra values, and skips empty rows', async () => {
    const { rows } = await readAll(fixture('ragged.csv'));
    expect(rows).toEqual([
      { line: 2, row: 1, raw: { name: 'Short Row', email: 'short@acme.com', company: 'Acme' }, text: 'Short Row,short@acme.com,Acme' },
      { line: 3, row: 2, reason: 'no email (column "email" is empty): add the address, or drop the row', text: 'Too Short,' },
      { line: 4, row: 3, raw: { name: 'Extra Empty', email: 'extra@acme.com', company: 'Acme', title: 'CEO' }, text: 'Extra Empty,extra@acme.com,Acme,CEO,,,,' },
      {
        line: 5,
        row: 4,
        reason: '6 values but the header has 5 columns; a comma inside a value shifts the columns after it: quote that value',
        text: 'Shifted Row,shifted@acme.com,Acme, Inc.,CTO,+1 415 555 2671',
      },
      { line: 6, row: 5, raw: { name: 'Full Row', email: 'full@acme.com', company: 'Acme', title: 'CTO', phone: '+1 415 555 2671' }, text: 'Full Row,full@acme.com,Acme,CTO,+1 415 555 2671' },
    ]);
  });

  it('says when a row ends before the email column', async () => {
    const path = join(scratch, 'short.csv');
    writeFileSync(path, 'name,company,email\nJane Doe,Acme\n');
    const { rows } = await readAll(path);
    expect(rows[0]).toMatchObject({ reason: 'no email (the row has 2 of 3 columns and ends before "email"): add the address, or drop the row' });
  });

  it('rejects the row an unclosed quote swallows, with the lines it took', async () => {
    const { rows } = await readAll(fixture('unclosed-quote.csv'));
    expect(rows[1]).toEqual({
      line: 3,
      row: 2,
      reason: 'a quoted value is never closed, so the rest of the file was read as this row: add the missing closing quote (")',
      text: '"Broken,broken@acme.com\nAfter,after@acme.com',
    });
  });

  it('stops at an unclosed quote that runs past 1 MiB', async () => {
    const path = join(scratch, 'runaway.csv');
    writeFileSync(path, `name,email\nJane Doe,jane@acme.com\n"Runaway,${'x,y@acme.com\n'.repeat(100_000)}`);
    await expect(readAll(path)).rejects.toThrow(/line 3 starts a value longer than 1 MiB/);
  });

  it('fails before any row when no column holds the email, naming the headers and --map', async () => {
    const err = await readAll(fixture('no-email.csv')).catch((e: Error & { hint?: string }) => e);
    expect(err).toMatchObject({ exitCode: 2, message: expect.stringContaining('no column holds the email address (columns: "Name", "Company", "Mail Addr")') });
    expect((err as { hint?: string }).hint).toContain('--map "<column>=email"');
  });

  it('maps columns with --map, over the aliases', async () => {
    const map = parseMapFlags(['Kontakt=name', 'adresse=email', 'Account=owner']);
    const { rows } = await readAll(fixture('mapped.csv'), { map });
    expect((rows[0] as RowOk).raw).toEqual({ name: 'Jane Doe', company: 'Acme', email: 'jane@acme.com', owner: 'Alice Owner' });
    const ignored = await readAll(fixture('mapped.csv'), { map: parseMapFlags(['Adresse=email', 'Firma=ignore']) });
    expect((ignored.rows[0] as RowOk).raw).toEqual({ email: 'jane@acme.com', company: 'Alice Owner' });
  });

  it('fails when --map names a column the file does not have', async () => {
    await expect(readAll(fixture('mapped.csv'), { map: { Mail: 'email' } })).rejects.toMatchObject({
      message: expect.stringContaining('--map names a column "Mail"'),
      hint: 'Its columns: "Kontakt", "Firma", "Adresse", "Account".',
    });
  });

  it('resumes after `skip` rows at the right row and line', async () => {
    const { rows } = await readAll(fixture('quoted-newlines.csv'), { skip: 2 });
    expect(rows.map((r) => [r.line, r.row])).toEqual([
      [7, 3],
      [11, 4],
    ]);
    const ragged = await readAll(fixture('ragged.csv'), { skip: 3 });
    expect(ragged.rows.map((r) => r.row)).toEqual([4, 5]);
  });

  it('fails on an empty file', async () => {
    const path = join(scratch, 'empty.csv');
    writeFileSync(path, '');
    await expect(readAll(path)).rejects.toThrow(/empty/);
  });
});

describe('readLeadRows: JSON Lines', () => {
  it('reads objects, rejects lines that are not objects, and skips blank lines', async () => {
    const { rows, detected } = await readAll(fixture('leads.jsonl'));
    expect(detected).toEqual({ format: 'jsonl', encoding: 'utf-8' });
    expect(rows.map((r) => [r.line, r.row, 'reason' in r ? r.reason : r.raw])).toEqual([
      [1, 1, { name: 'Jane Doe', email: 'jane@acme.com', company: 'Acme', phone: '4155552671' }],
      [3, 2, expect.stringMatching(/^not JSON \(.+\): write one JSON object per line$/)],
      [4, 3, 'an array, not a JSON object: write one object per line'],
      [5, 4, { name: 'John Smith', email: 'john@globex.com', company: 'Globex' }],
      [6, 5, 'no email (keys: "name", "company"): add the address, or drop the row'],
      [7, 6, '"company" holds an object; the company field takes text'],
      [8, 7, { name: 'Last One', email: 'last@acme.com', company: 'Acme' }],
    ]);
    expect(rows[1]!.text).toBe('{"name": "broken", "email": ');
  });

  it('resumes after `skip` rows', async () => {
    const { rows } = await readAll(fixture('leads.jsonl'), { skip: 4 });
    expect(rows.map((r) => [r.line, r.row])).toEqual([
      [6, 5],
      [7, 6],
      [8, 7],
    ]);
  });

  it('fails when the first object has no key for the email, and --map fixes it', async () => {
    await expect(readAll(fixture('no-email.jsonl'))).rejects.toThrow('the first object (line 1) has no key for the email address (keys: "name", "mailAddress")');
    const { rows } = await readAll(fixture('no-email.jsonl'), { map: { mailAddress: 'email' } });
    expect((rows[0] as RowOk).raw).toEqual({ name: 'Jane Doe', email: 'jane@acme.com' });
  });
});

describe('readLeadRows: files', () => {
  it.each(['quoted-newlines.csv', 'leads.jsonl'])('can be left after the first row (%s)', async (name) => {
    for await (const row of readLeadRows(fixture(name))) {
      expect(row.row).toBe(1);
      break;
    }
  });

  it('refuses an unknown file type, naming the file and the types it reads', () => {
    expect(() => readLeadRows('leads.xlsx')).toThrow(expect.objectContaining({ message: 'cannot read leads from leads.xlsx: the file type is not known', hint: 'Use a .csv, .tsv, .jsonl or .ndjson file.' }));
  });

  it('says when the file cannot be read', async () => {
    await expect(readAll(join(scratch, 'missing.csv'))).rejects.toThrow(/cannot read .*missing\.csv: ENOENT/);
  });
});

describe('parseMapFlags', () => {
  it('splits at the last "=" and matches fields without case', () => {
    expect(parseMapFlags(['E-mail Address=email', 'a=b=FirstName', 'Notes=ignore'])).toEqual({ 'E-mail Address': 'email', 'a=b': 'firstName', Notes: 'ignore' });
  });

  it.each(['email', '=email', 'Mail=e-mail', 'Mail='])('rejects %s, naming the flag and the known fields', (flag) => {
    expect(() => parseMapFlags([flag])).toThrow(expect.objectContaining({ message: `--map "${flag}" is not column=field`, hint: expect.stringContaining('name, firstName, lastName, email, company') }));
  });
});
