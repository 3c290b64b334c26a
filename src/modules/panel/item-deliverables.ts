// deliverables/list: the Roadmap Item's deliverables and delivery progress for its panel, read
// as the person (src/usecases/item-deliverables.ts says what it reads and costs).
import type { ItemDeliverablesView } from '../../contract/item-deliverables';
import { asUser } from '../../jira/client';
import { itemDeliverables } from '../../usecases/item-deliverables';
import type { CallContext } from '../shared/define-resolver';
import { issueFromExtension } from './issue-context';

export function listItemDeliverables(_input: unknown, ctx: CallContext): Promise<ItemDeliverablesView> {
  return itemDeliverables(asUser(), issueFromExtension(ctx.extension), Date.now());
}
