/** One page of a paginated listing, as templates see it. */
export interface ListingPage<T> {
  /** Root-relative, unencoded, ending in `/`. */
  url: string;
  /** 1-based. */
  pageNumber: number;
  totalPages: number;
  items: T[];
  previousUrl: string | null;
  nextUrl: string | null;
}

/**
 * Cuts `items` into pages at `baseUrl`, `baseUrl + 'page/2/'`, … (Hexo's scheme,
 * so imported sites keep their listing URLs). An empty list still gets one page.
 */
export function paginate<T>(items: readonly T[], perPage: number, baseUrl: string): ListingPage<T>[] {
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const urlOf = (n: number) => (n === 1 ? baseUrl : `${baseUrl}page/${n}/`);
  return Array.from({ length: totalPages }, (_, index) => {
    const pageNumber = index + 1;
    return {
      url: urlOf(pageNumber),
      pageNumber,
      totalPages,
      items: items.slice(index * perPage, (index + 1) * perPage),
      previousUrl: pageNumber > 1 ? urlOf(pageNumber - 1) : null,
      nextUrl: pageNumber < totalPages ? urlOf(pageNumber + 1) : null,
    };
  });
}
