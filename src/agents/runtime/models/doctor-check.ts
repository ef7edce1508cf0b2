import type { Check } from '../../../commands/doctor';
import type { Context } from '../../../core/context';
import { formatModelSpec } from './spec';
import { endpointsFrom } from './from-context';
import { pingModel } from './ping';
import { resolveModel } from './resolve';
import { ModelUnavailableError } from './errors';

/** `biz doctor`'s model line: which model would be used, and one tiny real request to it. */
export async function doctorModelCheck(ctx: Context): Promise<Check> {
  const endpoints = endpointsFrom(ctx);
  let spec;
  try {
    spec = await resolveModel({ spec: ctx.config.values.models?.default, ...endpoints });
  } catch (err) {
    if (err instanceof ModelUnavailableError) {
      return { name: 'model', status: 'warn', detail: `${err.message} (biz scan needs none)`, fix: err.hint };
    }
    return { name: 'model', status: 'fail', detail: (err as Error).message, fix: (err as { hint?: string }).hint };
  }
  const ping = await pingModel(spec, endpoints);
  const name = formatModelSpec(spec);
  return ping.ok
    ? { name: 'model', status: 'ok', detail: `${name} answered in ${Math.round(ping.latencyMs)} ms` }
    : { name: 'model', status: 'fail', detail: `${name}: ${ping.error}`, fix: 'Check the endpoint and key (biz config get models.openai.baseUrl), or choose another with --model.' };
}
