/** What each plan grants. A key carries its own entitlements; these lists say which plan to buy for one. */
export type Plan = 'community' | 'team' | 'enterprise';

export const AGENT_ENTITLEMENTS = ['agent:security', 'agent:coding', 'agent:marketing', 'agent:bizdev'] as const;

/** Without a key: all four agents, single user, local store. */
export const COMMUNITY_ENTITLEMENTS: readonly string[] = AGENT_ENTITLEMENTS;

export const PLAN_ENTITLEMENTS: Record<Plan, readonly string[]> = {
  community: COMMUNITY_ENTITLEMENTS,
  team: [...AGENT_ENTITLEMENTS, 'team', 'sso', 'tenants'],
  enterprise: [...AGENT_ENTITLEMENTS, 'team', 'sso', 'tenants', 'gateway'],
};

const PLAN_NAMES: Record<Plan, string> = { community: 'Community', team: 'Team', enterprise: 'Enterprise' };

const FEATURE_NAMES: Record<string, string> = {
  team: 'team mode',
  sso: 'SSO enforcement',
  tenants: 'several tenants',
  gateway: 'the gateway',
  'agent:security': 'the security agent',
  'agent:coding': 'the coding agent',
  'agent:marketing': 'the marketing agent',
  'agent:bizdev': 'the business-development agent',
};

export function planName(plan: Plan): string {
  return PLAN_NAMES[plan];
}

/** "team mode", or the entitlement itself when it has no friendlier name. */
export function featureName(entitlement: string): string {
  return FEATURE_NAMES[entitlement] ?? `the "${entitlement}" entitlement`;
}

/** "the Team or Enterprise plan"; undefined when no plan includes it (a custom entitlement). */
export function plansOffering(entitlement: string): string | undefined {
  const names = (Object.keys(PLAN_ENTITLEMENTS) as Plan[]).filter((p) => PLAN_ENTITLEMENTS[p].includes(entitlement)).map(planName);
  if (names.length === 0) return undefined;
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  return `the ${list} plan`;
}
