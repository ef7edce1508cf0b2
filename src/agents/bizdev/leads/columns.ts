import { UsageError } from '../../../core/errors';
import { LEAD_FIELDS, type LeadField } from './lead';

/** What a --map flag may name besides a lead field: the column is then not read at all. */
export const IGNORE = 'ignore';
export type ColumnTarget = LeadField | typeof IGNORE;

/** Header names as CRMs and spreadsheets write them (in English, German, French, Spanish), compared without case, spaces or punctuation. */
const ALIASES: Record<LeadField, string[]> = {
  name: ['name', 'fullname', 'contactname', 'leadname', 'personname', 'contact'],
  firstName: ['firstname', 'first', 'givenname', 'forename', 'fname', 'vorname', 'prénom', 'prenom', 'nombre'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'lname', 'nachname', 'familienname', 'apellido', 'apellidos'],
  email: ['email', 'emailaddress', 'mail', 'workemail', 'businessemail', 'primaryemail', 'contactemail', 'emailid', 'emailadresse', 'courriel', 'correo'],
  company: ['company', 'companyname', 'organization', 'organisation', 'org', 'account', 'accountname', 'employer', 'business', 'businessname', 'firma', 'unternehmen', 'entreprise', 'société', 'societe', 'empresa'],
  title: ['title', 'jobtitle', 'position', 'role', 'jobrole', 'designation', 'funktion', 'poste', 'cargo'],
  phone: ['phone', 'phonenumber', 'mobile', 'mobilephone', 'mobilenumber', 'cell', 'cellphone', 'telephone', 'tel', 'workphone', 'businessphone', 'directphone', 'directdial', 'telefon', 'téléphone', 'teléfono', 'telefono', 'handy', 'mobil'],
  source: ['source', 'leadsource', 'origin', 'channel'],
  owner: ['owner', 'leadowner', 'accountowner', 'assignedto', 'salesrep', 'rep'],
  website: ['website', 'web', 'url', 'companywebsite', 'homepage', 'site', 'domain'],
  notes: ['notes', 'note', 'comments', 'comment', 'description', 'remarks', 'notizen', 'bemerkungen'],
};

const comparable = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

const FIELD_OF_ALIAS = new Map(Object.entries(ALIASES).flatMap(([field, aliases]) => aliases.map((a) => [a, field as LeadField])));

/** The lead field a header names, or undefined for a column that is not read. */
function fieldOfHeader(header: string): LeadField | undefined {
  return FIELD_OF_ALIAS.get(comparable(header));
}

const FIELD_OF_NAME = new Map<string, ColumnTarget>([...LEAD_FIELDS, IGNORE].map((f) => [f.toLowerCase(), f as ColumnTarget]));

function mapFlagError(flag: string): UsageError {
  return new UsageError(`--map "${flag}" is not column=field`, `Known fields: ${[...LEAD_FIELDS, IGNORE].join(', ')} (for example --map "E-mail Address=email").`);
}

/** --map "E-mail Address=email" flags as { column: field }; the last "=" splits, so a column name may hold one. */
export function parseMapFlags(flags: string[]): Record<string, ColumnTarget> {
  const map: Record<string, ColumnTarget> = {};
  for (const flag of flags) {
    const eq = flag.lastIndexOf('=');
    const column = flag.slice(0, eq).trim();
    const field = FIELD_OF_NAME.get(flag.slice(eq + 1).trim().toLowerCase());
    if (eq === -1 || !column || !field) throw mapFlagError(flag);
    map[column] = field;
  }
  return map;
}

/**
 * The field a column (or JSON key) fills: --map first, matched exactly and then without case or punctuation, then
 * the known aliases; undefined for a column that is not read.
 */
export function columnResolver(map: Record<string, string>): (header: string) => LeadField | undefined {
  const mapped = new Map<string, ColumnTarget>();
  for (const [column, field] of Object.entries(map)) {
    const target = FIELD_OF_NAME.get(field.toLowerCase());
    if (!target) throw mapFlagError(`${column}=${field}`);
    mapped.set(column, target);
    if (!mapped.has(comparable(column))) mapped.set(comparable(column), target);
  }
  return (header) => {
    const target = mapped.get(header) ?? mapped.get(comparable(header));
    return target === undefined ? fieldOfHeader(header) : target === IGNORE ? undefined : target;
  };
}

/** A --map entry must name a column of a file with a header row; the error lists the columns there are. */
export function checkMapColumns(headers: string[], map: Record<string, string>, file: string): void {
  const known = new Set(headers.flatMap((h) => [h, comparable(h)]));
  for (const column of Object.keys(map)) {
    if (!known.has(column) && !known.has(comparable(column))) {
      throw new UsageError(`--map names a column "${column}" that ${file} does not have`, `Its columns: ${quoteList(headers)}.`);
    }
  }
}

export const quoteList = (names: string[]) => names.map((n) => `"${n}"`).join(', ');
