// Knowledge: the knowledge base (articles, their editor and import) and the battlecards, admin
// pages under Settings, loaded on first visit.
export const loadKnowledgePage = () => import('./routes/KnowledgePage').then((m) => m.KnowledgePage);
export const loadArticleEditorPage = () => import('./routes/ArticleEditorPage').then((m) => m.ArticleEditorPage);
export const loadKnowledgeImportPage = () => import('./routes/KnowledgeImportPage').then((m) => m.KnowledgeImportPage);
export const loadBattlecardsPage = () => import('./routes/BattlecardsPage').then((m) => m.BattlecardsPage);
