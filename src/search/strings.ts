/**
 * Every UI string of search. The lead merges these into the site strings that
 * templates see as `t`; the client reads its strings from data attributes on
 * the search box, so it never carries both languages.
 */
export const searchStrings = {
  'zh-CN': {
    searchLabel: '搜索',
    searchPlaceholder: '搜索文章（按 / 键）',
    searchButton: '搜索',
    searchTitle: '搜索',
    searchNoResults: '没有找到结果，换个关键词试试。',
    searchLoading: '正在搜索……',
    searchFailed: '搜索索引加载失败，请稍后再试。',
    searchResultCount: '找到 {n} 篇文章',
    searchResultCountMore: '至少找到 {n} 篇文章',
    searchNeedsJs: '搜索需要启用 JavaScript。',
    searchBrowseArchives: '浏览全部文章归档',
    searchHint: '输入关键词，支持中文词语、英文前缀和 "引号短语"。',
    searchResultsLabel: '搜索结果',
    searchPrevious: '上一页',
    searchNext: '下一页',
    searchPageOf: '第 {n} 页，共 {total} 页',
    searchPagesLabel: '搜索结果分页',
  },
  en: {
    searchLabel: 'Search',
    searchPlaceholder: 'Search posts (press /)',
    searchButton: 'Search',
    searchTitle: 'Search',
    searchNoResults: 'No results. Try other words.',
    searchLoading: 'Searching…',
    searchFailed: 'The search index could not be loaded. Please try again later.',
    searchResultCount: '{n} posts found',
    searchResultCountMore: 'At least {n} posts found',
    searchNeedsJs: 'Search needs JavaScript.',
    searchBrowseArchives: 'Browse the archives',
    searchHint: 'Type words: Chinese words, English prefixes and "quoted phrases" work.',
    searchResultsLabel: 'Search results',
    searchPrevious: 'Previous',
    searchNext: 'Next',
    searchPageOf: 'Page {n} of {total}',
    searchPagesLabel: 'Search result pages',
  },
} satisfies Record<'zh-CN' | 'en', Record<string, string>>;
