/**
 * Self-help for employees: the knowledge base's published articles written for the public, found
 * with the knowledge base's own search. Staff-only articles, drafts and retired ones are never
 * listed or shown, and asking for one answers as an article that does not exist.
 */
import type { HelpArticle, HelpArticleHit } from '../../../shared/support';
import { DomainError } from '../errors';
import type { KnowledgeBaseService } from '../kb/knowledge-service';
import { helpArticleHtml } from './help-article-html';

const DEFAULT_LIMIT = 8;

export class HelpArticles {
  constructor(private readonly kb: KnowledgeBaseService) {}

  async find(input: { query: string; limit?: number | undefined }): Promise<HelpArticleHit[]> {
    const found = await this.kb.find({ query: input.query, states: ['published'], audience: 'public', limit: input.limit ?? DEFAULT_LIMIT }, null);
    // The filter is asked of the search; held again here, so a change there cannot show staff articles.
    return found.articles.filter((a) => a.state === 'published' && a.audience === 'public').map((a) => ({ id: a.id, title: a.title, excerpt: a.excerpt }));
  }

  async get(id: number): Promise<HelpArticle> {
    const missing = new DomainError('not_found', `No help article has id ${id}`, 'id');
    const article = await this.kb.get(id, null).catch((error: unknown) => {
      throw error instanceof DomainError && error.code === 'not_found' ? missing : error;
    });
    if (article.state !== 'published' || article.audience !== 'public') throw missing;
    return {
      id: article.id,
      title: article.title,
      html: helpArticleHtml([
        { heading: 'The problem', markdown: article.problem },
        { heading: 'What to do', markdown: article.solution },
      ]),
      updatedAt: article.updatedAt,
    };
  }
}
