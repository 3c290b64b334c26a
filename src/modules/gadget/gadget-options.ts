// gadget/options and gadget/check-config: what the edit view needs. Options are cheap (one KVS
// read), so the edit view never loads the portfolio; check-config is the zod check a draft
// passes before the edit view hands it to view.submit.
import { AppError } from '../../contract/envelope';
import { DEFAULT_GADGET_CONFIG, GadgetConfigSchema, type GadgetConfig, type GadgetOptions } from '../../contract/gadget';
import type { GadgetWire } from '../../contract/wire';
import { loadAppConfig } from '../../storage/app-config';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import { releasesOpenForTargeting } from '../../domain/releases';
import { checkScopeJql } from '../../usecases/portfolio-index/answer';
import type { Handlers } from '../shared/define-resolver';
import { resolveGadgetConfig } from './gadget-config';
import { gadgetVocabulary } from './vocabulary';

export const gadgetOptionsHandler: Handlers<GadgetWire>['gadget/options'] = {
  doing: 'load the gadget settings',
  async run(_input, ctx): Promise<GadgetOptions> {
    const [{ config: app }, { calendar }] = await Promise.all([loadAppConfig(), loadReleaseCalendar()]);
    let config: GadgetConfig = DEFAULT_GADGET_CONFIG;
    let problem: string | undefined;
    try {
      config = resolveGadgetConfig(ctx.extension, undefined).config;
    } catch (err) {
      // The edit view is where a broken configuration gets repaired: start from the defaults.
      if (!(err instanceof AppError)) throw err;
      problem = err.message;
    }
    const now = new Date();
    return {
      fsts: app.fsts.map((f) => ({ id: f.id, name: f.name })),
      companies: app.companies.map((c) => ({ id: c.id, name: c.name })),
      vocabulary: gadgetVocabulary(calendar, now),
      targetReleases: releasesOpenForTargeting(calendar, now).map((r) => r.id),
      config,
      ...(problem ? { problem } : {}),
    };
  },
};

export const checkConfigHandler: Handlers<GadgetWire>['gadget/check-config'] = {
  doing: 'check the gadget settings',
  async run(input): Promise<{ config: GadgetConfig }> {
    const parsed = GadgetConfigSchema.safeParse(input.config);
    const problems = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
    // A JQL scope is parsed as the load will parse it, so a query that is not one is refused here, not on the dashboard.
    if (parsed.success && parsed.data.scope.kind === 'jql') {
      const jqlProblem = checkScopeJql(parsed.data.scope.jql, (await loadAppConfig()).config);
      if (jqlProblem) problems.push({ path: ['scope', 'jql'], message: jqlProblem });
    }
    if (!parsed.success || problems.length > 0) {
      throw new AppError('BAD_REQUEST', `Fix these settings before saving: ${problems.map((i) => i.message).join(' ')}`, { problems });
    }
    return { config: parsed.data };
  },
};
