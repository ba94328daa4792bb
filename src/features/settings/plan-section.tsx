// Which Vercel plan the repository limits are shown against (storage panel on each
// repository page). The API does not say, so the user picks; Pro by default.
import { useId, useState } from 'react';
import { loadPlan, PLAN_IDS, PLANS, savePlan, type PlanId } from '../../lib/plan';

const count = new Intl.NumberFormat();

export function PlanSection() {
  const [plan, setPlan] = useState<PlanId>(loadPlan);
  const id = useId();
  return (
    <section
      id="plan"
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-lg border border-border bg-surface p-4"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Plan
      </h2>
      <fieldset className="space-y-2">
        <legend className="text-sm text-muted-fg">
          Repository pages show images and tags against your plan&apos;s limits (per repository).
          Saved on this device.
        </legend>
        {PLAN_IDS.map((p) => (
          <label key={p} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="plan"
              value={p}
              checked={plan === p}
              onChange={() => {
                savePlan(p);
                setPlan(p);
              }}
            />
            <span className="font-medium">{PLANS[p].label}</span>
            <span className="text-muted-fg">
              {count.format(PLANS[p].images)} images, {count.format(PLANS[p].tags)} tags
            </span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}
