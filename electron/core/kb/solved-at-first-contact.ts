import type { ChannelParsedInput } from '../../../shared/contract';
import type { QueueCase, StaffMember } from '../../../shared/domain';
import { formatArticleNumber } from '../../../shared/knowledge';
import type { CaseLifecycleService } from '../services/case-lifecycle';
import type { CaseService } from '../services/case-service';
import type { KnowledgeBaseService } from './knowledge-service';

/**
 * "Solved with this article" at intake: the call is filed as usual, then resolved at once citing
 * the article. The article is checked first, so a retired or unknown one files nothing. Should
 * the resolve step fail after filing (the article retired in between), the filed case stays open
 * and is answered as it is: the call is recorded either way, never lost or filed twice.
 */
export async function fileSolvedCall(
  services: { cases: CaseService; lifecycle: CaseLifecycleService; kb: KnowledgeBaseService },
  input: ChannelParsedInput<'cases.create'>,
  actor: StaffMember,
): Promise<QueueCase> {
  const { solvedWithArticleId, ...call } = input;
  if (solvedWithArticleId === undefined) return services.cases.create(call, actor);
  const article = await services.kb.requirePublished(solvedWithArticleId);
  const filed = await services.cases.create(call, actor);
  try {
    return await services.lifecycle.transition(
      { id: filed.id, version: filed.version, action: 'resolve', notes: `Solved at first contact with ${formatArticleNumber(article.id)}: ${article.title}`, articleId: article.id },
      actor,
    );
  } catch {
    return filed;
  }
}
