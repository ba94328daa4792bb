// The Vercel plan the user is on, chosen in Settings: VCR's per-repository limits depend on
// it (vcr-api.md, "Money and limits"). Kept in localStorage on this device, like the theme;
// Pro unless chosen otherwise, since the API cannot tell us the plan.
export const PLANS = {
  hobby: { label: 'Hobby', images: 50, tags: 1_000 },
  pro: { label: 'Pro', images: 10_000, tags: 10_000 },
  enterprise: { label: 'Enterprise', images: 50_000, tags: 50_000 },
} as const;
export type PlanId = keyof typeof PLANS;
export const PLAN_IDS = Object.keys(PLANS) as PlanId[];
export const DEFAULT_PLAN: PlanId = 'pro';
export const PLAN_STORAGE_KEY = 'vcr-plan';

function isPlanId(v: unknown): v is PlanId {
  return typeof v === 'string' && Object.hasOwn(PLANS, v);
}

export function loadPlan(): PlanId {
  try {
    const v = localStorage.getItem(PLAN_STORAGE_KEY);
    return isPlanId(v) ? v : DEFAULT_PLAN;
  } catch {
    return DEFAULT_PLAN;
  }
}

export function savePlan(plan: PlanId): void {
  try {
    if (plan === DEFAULT_PLAN) localStorage.removeItem(PLAN_STORAGE_KEY);
    else localStorage.setItem(PLAN_STORAGE_KEY, plan);
  } catch {
    /* storage blocked: the choice lasts for this page only */
  }
}
