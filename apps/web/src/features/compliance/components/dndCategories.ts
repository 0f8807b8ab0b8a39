/** TRAI's NCPR preference categories: 0 blocks every commercial call, 1-8 block one kind each. */
import type { TFunction } from 'i18next';

export const DND_CATEGORIES = ['fullyBlocked', 'banking', 'realEstate', 'education', 'health', 'consumerGoods', 'communication', 'tourism', 'food'] as const;

export function dndCategoryName(n: number, t: TFunction): string {
  const key = DND_CATEGORIES[n];
  return key ? t(`dnd.categories.${key}`) : t('dnd.categoryUnknown', { n });
}

/** "Fully blocked", or "Education, Real estate" for the categories a number blocks. */
export function dndCategoriesText(categories: number[] | null, t: TFunction): string {
  if (!categories || categories.length === 0 || categories.includes(0)) return dndCategoryName(0, t);
  return categories.map((c) => dndCategoryName(c, t)).join('; ');
}
