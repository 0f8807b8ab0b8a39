/** TRAI's NCPR preference categories 1-8, in order (the words live under dnd.categories). */
export const DND_CATEGORY_KEYS = ['banking', 'realEstate', 'education', 'health', 'consumerGoods', 'communication', 'tourism', 'food'] as const;
