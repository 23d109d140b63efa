import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { defaultVocabularyFile, loadVocabulary, parseVocabulary } from '../../src/taxonomy/vocabulary.ts';

const shipped = loadVocabulary({ tagVocabulary: '' }, process.cwd());

function inTitle(title: string): string[] {
  return shipped.match({ strong: [title], text: '' });
}

test('shipped vocabulary', async (t) => {
  await t.test('should document its format in the header comment', () => {
    const header = readFileSync(defaultVocabularyFile, 'utf8').split('\n').filter((line) => line.startsWith('#')).join('\n');
    for (const topic of ['TagName: [term, term, ...]', 'whole words', '~', 'tagVocabulary', 'at least twice']) {
      assert.ok(header.includes(topic), `header should explain ${topic}`);
    }
  });

  await t.test('should tag each of the required subjects from its terms', () => {
    const cases: [string, string][] = [
      ['Kubernetes', 'kubelet 源码'], ['Kubernetes', 'K8S 实践'], ['Docker', 'Dockerfile 最佳实践'], ['Docker', 'docker-compose 入门'],
      ['容器', 'runc 与 containerd'], ['容器', 'OCI 规范'], ['SystemTap', 'stap 脚本'], ['eBPF', 'bpftrace one-liners'], ['eBPF', 'BCC tools'],
      ['SELinux', 'SELinux roles'], ['cgroups', 'cgroup v2'], ['微服务', '微服务架构'], ['微服务', 'Microservices at scale'],
      ['RESTful API', 'RESTful 设计'], ['RESTful API', 'REST API 设计指南'], ['RESTful API', 'REST 风格'], ['gRPC', 'gRPC 负载均衡'],
      ['Service Mesh', 'Service-Mesh 对比'], ['Service Mesh', 'Linkerd 2.0'], ['Service Mesh', 'Envoy filters'], ['Istio', 'Istio 1.0'],
      ['Distributed Tracing', '调用链追踪'], ['Distributed Tracing', 'Jaeger 与 Zipkin'], ['Distributed Tracing', 'OpenTracing'],
      ['Serverless', 'FaaS 平台'], ['Serverless', '无服务器架构'], ['Linux Kernel', '内核参数'], ['Go', 'Golang 调度器'], ['Go', 'Go语言并发'],
      ['Go', 'Go 1.8 发布'], ['Networking', 'DPDK 加速'], ['Networking', 'CNI 插件'], ['Storage', 'Ceph 集群'], ['Distributed Systems', 'Raft 论文'],
      ['Distributed Systems', 'Paxos made simple'], ['Monitoring', 'Prometheus 告警'], ['Monitoring', 'Zabbix'], ['API Gateway', 'API 网关选型'],
      ['API Gateway', 'Kong plugins'], ['容器', 'ＣＯＮＴＡＩＮＥＲＤ 全角'],
    ];
    for (const [tag, title] of cases) assert.ok(inTitle(title).includes(tag), `${JSON.stringify(title)} should give ${tag}, gave ${inTitle(title)}`);
  });

  await t.test('should leave words that only contain a term alone', () => {
    for (const title of ['Google 的单仓库', 'restart 服务', 'Let us go home', 'dockers? no: undocked', 'JavaScript 技巧', 'Kongming', 'representational state']) {
      const tags = inTitle(title);
      assert.ok(!tags.includes('Go') && !tags.includes('RESTful API') && !tags.includes('Java') && !tags.includes('API Gateway') && !tags.includes('Docker'), `${title}: ${tags}`);
    }
  });
});

test('parseVocabulary', async (t) => {
  await t.test('should report YAML errors with file, line and column', () => {
    assert.throws(() => parseVocabulary('A: [x\nB: y: z\n', 'my.yml'), { name: 'VocabularyError', message: /^my\.yml:\d+:\d+: the tag vocabulary is not valid YAML/u });
  });

  await t.test('should accept a single term written as a string', () => {
    assert.deepEqual(parseVocabulary('Plants: fern\n', 'v.yml').match({ strong: ['Ferns and fern'], text: '' }), ['Plants']);
  });
});

test('Chinese terms as words', async (t) => {
  const vocabulary = parseVocabulary('Networking: [网络, -网络日志]\nML: [神经网络]\n', 'v.yml');

  await t.test('should not count a term inside another tag\'s longer term or inside a `-` word', () => {
    assert.deepEqual(vocabulary.match({ strong: ['训练神经网络'], text: '' }), ['ML']);
    assert.deepEqual(vocabulary.match({ strong: ['某人的网络日志'], text: '' }), []);
    assert.deepEqual(vocabulary.match({ strong: ['神经网络与计算机网络'], text: '' }), ['Networking', 'ML']);
  });

  await t.test('should ask long texts for mentions in proportion to their length', () => {
    const text = `网络很重要，网络很重要。${'正文'.repeat(2000)}`;
    assert.deepEqual(vocabulary.match({ strong: [], text }), ['Networking']);
    assert.deepEqual(vocabulary.match({ strong: [], text, charsPerMatch: 1500 }), []);
  });
});
