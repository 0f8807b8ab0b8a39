import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Battlecard,
  CreateKnowledgeArticleBody,
  KnowledgeArticle,
  KnowledgeImportResult,
  PutBattlecardBody,
  UpdateKnowledgeArticleBody,
} from '@telehub/shared';
import { type ArticleQuery, knowledgeApi, knowledgeKeys } from '../api/knowledgeApi';

export function useArticles(query: ArticleQuery) {
  return useQuery({ queryKey: knowledgeKeys.list(query), queryFn: ({ signal }) => knowledgeApi.list(query, signal), placeholderData: keepPreviousData });
}

export function useArticle(id: string | null) {
  return useQuery({ queryKey: knowledgeKeys.article(id ?? ''), queryFn: ({ signal }) => knowledgeApi.get(id ?? '', signal), enabled: id !== null });
}

/** Any change to articles: lists and searches are read again, the saved article is held as it is. */
function useArticlesChanged() {
  const qc = useQueryClient();
  return async (article?: KnowledgeArticle) => {
    if (article) qc.setQueryData(knowledgeKeys.article(article.id), article);
    await qc.invalidateQueries({ queryKey: knowledgeKeys.all, refetchType: 'active' });
  };
}

export function useSaveArticle() {
  const changed = useArticlesChanged();
  return useMutation<KnowledgeArticle, Error, { id?: string; create?: CreateKnowledgeArticleBody; update?: UpdateKnowledgeArticleBody }>({
    mutationFn: ({ id, create, update }) => {
      if (id && update) return knowledgeApi.update(id, update);
      if (create) return knowledgeApi.create(create);
      throw new Error('useSaveArticle: nothing to save');
    },
    onSuccess: (article) => changed(article),
  });
}

export function useDeleteArticle() {
  const qc = useQueryClient();
  return useMutation<undefined, Error, string>({
    mutationFn: (id) => knowledgeApi.remove(id),
    onSuccess: async (_, id) => {
      qc.removeQueries({ queryKey: knowledgeKeys.article(id) });
      await qc.invalidateQueries({ queryKey: knowledgeKeys.lists() });
    },
  });
}

export function useImportArticles(onProgress: (sent: number) => void) {
  const changed = useArticlesChanged();
  return useMutation<KnowledgeImportResult, Error, { file: File; campaignId: string | null }>({
    mutationFn: ({ file, campaignId }) => knowledgeApi.import(file, campaignId, onProgress),
    onSuccess: () => changed(),
  });
}

export function useBattlecards() {
  return useQuery({ queryKey: knowledgeKeys.cards(), queryFn: ({ signal }) => knowledgeApi.cards(signal) });
}

export function usePutBattlecard() {
  const qc = useQueryClient();
  return useMutation<Battlecard, Error, PutBattlecardBody>({
    mutationFn: (body) => knowledgeApi.putCard(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: knowledgeKeys.cards() }),
  });
}

export function useDeleteBattlecard() {
  const qc = useQueryClient();
  return useMutation<undefined, Error, string>({
    mutationFn: (id) => knowledgeApi.removeCard(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: knowledgeKeys.cards() }),
  });
}
