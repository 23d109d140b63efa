/**
 * The queries both search benchmarks replay (`bench:search` in Chromium,
 * `search-tune.ts` in Node), so their numbers compare. No side effects on
 * import, unlike the benchmark scripts.
 */
export const queries: { query: string; kind: 'zh' | 'en' | 'mixed' }[] = [
  ...['服务发现', '分布式事务', '设备文件', '用户名', '版本控制', '负载均衡', '服务网格', '一致性哈希', '网络命名空间', '垃圾回收', '探针', '容器'].map(
    (query) => ({ query, kind: 'zh' as const }),
  ),
  ...['kubernetes', 'systemtap', 'etcd', 'prometheus', 'goroutine', 'docker'].map((query) => ({ query, kind: 'en' as const })),
  ...['SystemTap 探针', 'RESTful API 版本号', 'Docker 容器', 'Kafka 消息队列'].map((query) => ({ query, kind: 'mixed' as const })),
];
