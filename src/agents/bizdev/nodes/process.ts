import type { CountryCode } from 'libphonenumber-js';
import { closeSync, createReadStream, openSync, renameSync, writeSync } from 'node:fs';
import type { RejectedRow } from '../../../store/lead-imports';
import type { RunContext } from '../../runtime/context';
import { leadValues } from '../lead-values';
import { normalizeLead } from '../leads/normalize';
import { readLeadRows } from '../leads/read-rows';
import { loadSequence } from '../leads/sequence';
import { maskEmail } from '../privacy';
import type { LeadStateType } from '../state';

/** Rows written per transaction: the unit a crash can lose (and the resume redoes). */
const BATCH = 500;

async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  return lines;
}

const csvField = (v: string | number) => (typeof v === 'number' || !/[",\r\n]/.test(v) ? String(v) : `"${v.replace(/"/g, '""')}"`);

/** The rejected-rows file: row, line, reason and the original text, streamed from the store, replaced atomically. */
function writeRejects(ctx: RunContext, path: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, 'row,line,reason,original\n');
    for (const r of ctx.store.leadImports.rejects(ctx.runId)) writeSync(fd, `${[r.row, r.line, r.reason, r.text].map(csvField).join(',')}\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** add and from-text: one lead, checked, scored and kept (merged into the one with the same email). */
export function processOneNode(ctx: RunContext) {
  return (state: LeadStateType): Partial<LeadStateType> => {
    const { input } = state;
    const raw = input.mode === 'add' ? (input.raw ?? {}) : state.raw;
    const normalized = normalizeLead(raw, { defaultCountry: input.defaultCountry as CountryCode | undefined });
    if (!normalized.ok) throw new Error(normalized.reason);
    const sequence = input.sequenceFile ? loadSequence(input.sequenceFile).name : undefined;
    const { id, outcome } = ctx.store.write(() => ctx.store.leads.upsert(leadValues(normalized.lead, sequence), ctx.runId, input.crm ? 'pending' : 'local'));
    const lead = ctx.store.leads.get(id)!;
    ctx.emit('message', { text: `${outcome === 'new' ? 'new lead' : outcome === 'unchanged' ? 'known lead, nothing new' : 'known lead, updated'} ${id} (${maskEmail(lead.email)}): score ${lead.score}, grade ${lead.grade}` });
    return { leadId: id };
  };
}

/**
 * import: streams the file, BATCH rows per transaction together with the import's progress, so a crash or a
 * stop loses nothing and a resume skips exactly the rows already kept. Rejected rows are kept with their reason.
 */
export function importNode(ctx: RunContext) {
  return async (state: LeadStateType): Promise<Partial<LeadStateType>> => {
    const { input } = state;
    const file = input.file!;
    const store = ctx.store;
    const progress = store.leadImports.start(ctx.runId, file);
    const sequence = input.sequenceFile ? loadSequence(input.sequenceFile).name : undefined;
    const totalLines = await countLines(file);
    const crmStatus = input.crm ? 'pending' : 'local';
    let rowsDone = progress.rowsDone;
    let pending: { values: ReturnType<typeof leadValues> }[] = [];
    let rejects: RejectedRow[] = [];
    let lastLine = 0;
    const seen = new Set<string>();
    const flush = () => {
      store.write(() => {
        let accepted = 0;
        let duplicates = 0;
        for (const { values } of pending) {
          const repeated = input.check ? seen.has(values.emailKey) : store.leads.upsert(values, ctx.runId, crmStatus).outcome === 'repeated';
          if (input.check) seen.add(values.emailKey);
          if (repeated) duplicates++;
          else accepted++;
        }
        store.leadImports.advance(ctx.runId, rowsDone, accepted, duplicates, rejects);
      });
      ctx.emit('progress', { done: rowsDone, line: lastLine, totalLines, unit: 'rows' });
      pending = [];
      rejects = [];
    };
    for await (const item of readLeadRows(file, { map: input.map, skip: rowsDone })) {
      rowsDone = item.row;
      lastLine = item.line;
      if ('reason' in item) rejects.push({ row: item.row, line: item.line, reason: item.reason, text: item.text });
      else {
        const normalized = normalizeLead(item.raw, { defaultCountry: input.defaultCountry as CountryCode | undefined });
        if (normalized.ok) pending.push({ values: leadValues(normalized.lead, sequence) });
        else rejects.push({ row: item.row, line: item.line, reason: normalized.reason, text: item.text });
      }
      if (pending.length + rejects.length >= BATCH) flush();
    }
    flush();
    const done = store.leadImports.get(ctx.runId)!;
    const rejected = store.leadImports.rejectedCount(ctx.runId);
    if (rejected > 0 && input.rejectsFile) writeRejects(ctx, input.rejectsFile);
    return { counts: { read: done.rowsDone, accepted: done.accepted, rejected, duplicates: done.duplicates } };
  };
}
