import type {
  Battlecard,
  BattlecardList,
  CreateKnowledgeArticleBody,
  KnowledgeArticle,
  KnowledgeArticlePage,
  KnowledgeImportResult,
  KnowledgeLanguage,
  PutBattlecardBody,
  UpdateKnowledgeArticleBody,
} from '@telehub/shared';
import { api, uploadWithProgress } from '../../../lib/api';

export type ArticleQuery = {
  q?: string;
  language?: KnowledgeLanguage;
  campaignId?: string;
  tag?: string;
  active?: 'true' | 'false';
  page: number;
  pageSize: number;
};

export const knowledgeKeys = {
  all: ['knowledge'] as const,
  lists: () => [...knowledgeKeys.all, 'list'] as const,
  list: (q: ArticleQuery) => [...knowledgeKeys.lists(), q] as const,
  article: (id: string) => [...knowledgeKeys.all, 'article', id] as const,
  cards: () => ['battlecards'] as const,
};

const articlePath = (id: string) => `/knowledge/articles/${encodeURIComponent(id)}`;

export const knowledgeApi = {
  list: (q: ArticleQuery, signal?: AbortSignal) => api<KnowledgeArticlePage>('/knowledge/articles', { query: q, signal }),
  get: (id: string, signal?: AbortSignal) => api<KnowledgeArticle>(articlePath(id), { signal }),
  create: (body: CreateKnowledgeArticleBody) => api<KnowledgeArticle>('/knowledge/articles', { method: 'POST', body }),
  update: (id: string, body: UpdateKnowledgeArticleBody) => api<KnowledgeArticle>(articlePath(id), { method: 'PATCH', body }),
  remove: (id: string) => api<undefined>(articlePath(id), { method: 'DELETE' }),
  /** Uploads a Markdown or CSV file; `onProgress` hears how much of it has gone (0..1). */
  import: (file: File, campaignId: string | null, onProgress: (sent: number) => void) => {
    const form = new FormData();
    if (campaignId) form.append('campaignId', campaignId);
    form.append('file', file, file.name);
    return uploadWithProgress<KnowledgeImportResult>('/knowledge/import', form, onProgress);
  },
  cards: (signal?: AbortSignal) => api<BattlecardList>('/battlecards', { signal }),
  putCard: (body: PutBattlecardBody) => api<Battlecard>('/battlecards', { method: 'PUT', body }),
  removeCard: (id: string) => api<undefined>(`/battlecards/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
