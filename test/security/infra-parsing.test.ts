import { describe, expect, it } from 'vitest';
import type { ScanWarning } from '../../src/agents/security/findings';
import { createInfraScanner } from '../../src/agents/security/scanners/infra';
import { parseDockerfile } from '../../src/agents/security/scanners/infra/dockerfile/parse';
import { imagePin } from '../../src/agents/security/scanners/infra/image-ref';
import { downloadRunByShell, expansions, loggedPrints, Quote, shellCommands } from '../../src/agents/security/scanners/infra/shell';

function scan(path: string, text: string) {
  const warnings: ScanWarning[] = [];
  const findings = createInfraScanner().scan({ path, text }, (w) => warnings.push(w));
  return { findings, warnings, rules: findings.map((f) => `${f.ruleId}@${f.line}`) };
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('accepts', () => {
  it.each([
    ['Dockerfile', true],
    ['services/api/Dockerfile.prod', true],
    ['build/api.dockerfile', true],
    ['Containerfile', true],
    ['Dockerfile.dockerignore', false],
    ['deploy/app.yaml', true],
    ['charts/values.yml', true],
    ['.gitlab-ci.yml', true],
    ['ci/build.gitlab-ci.yml', true],
    ['.github/workflows/ci.yaml', true],
    ['.github/actions/setup/action.yml', true],
    ['src/index.ts', false],
    ['docs/dockerfile.md', false],
    ['Dockerfile.yml', true],
    ['README.md', false],
    ['package.json', false],
  ])('%s -> %s', (path, accepted) => {
    expect(createInfraScanner().accepts(path)).toBe(accepted);
  });
});

describe('Dockerfile parser', () => {
  it('joins continuations, drops comment and blank lines inside them, and keeps the instruction offset', () => {
    const text = ['# syntax=docker/dockerfile:1', 'FROM alpine:3.19', '', 'RUN apk add \\', '# a comment', '', '    curl \\', '    git', 'CMD ["sh", "-c", "echo hi"]'].join('\n');
    const { instructions, problems } = parseDockerfile(text);
    expect(problems).toEqual([]);
    expect(instructions.map((i) => [i.keyword, lineOf(text, i.offset)])).toEqual([
      ['FROM', 2],
      ['RUN', 4],
      ['CMD', 9],
    ]);
    expect(instructions[1].args.replace(/\s+/g, ' ')).toBe('apk add curl git');
    expect(instructions[2].exec).toEqual(['sh', '-c', 'echo hi']);
    expect(instructions[1].exec).toBeUndefined();
  });

  it('honours the escape directive', () => {
    const text = ['# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN powershell -Command `', '    Write-Host C:\\tools\\', 'USER ContainerUser'].join('\n');
    const { instructions } = parseDockerfile(text);
    expect(instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'USER']);
    expect(instructions[1].args).toContain('Write-Host C:\\tools\\');
  });

  it('reads heredocs, tab-stripped and quoted, several on one line', () => {
    const text = ['FROM alpine:3.19', 'COPY <<-"A" <<B /etc/', '\tfirst', '\tA', 'second', 'B', 'RUN echo done'].join('\n');
    const { instructions, problems } = parseDockerfile(text);
    expect(problems).toEqual([]);
    expect(instructions[1].heredocs).toEqual([
      { name: 'A', body: 'first' },
      { name: 'B', body: 'second' },
    ]);
    expect(instructions.map((i) => i.keyword)).toEqual(['FROM', 'COPY', 'RUN']);
  });

  it('warns about an unknown instruction and an unclosed heredoc, with their lines, and keeps scanning', () => {
    const text = ['FROM ubuntu', 'FORM alpine', 'RUN curl -fsSL https://x.example/i.sh | sh', 'RUN <<EOF', 'echo never closed'].join('\n');
    const { rules, warnings } = scan('Dockerfile', text);
    expect(warnings).toEqual([
      { file: 'Dockerfile', line: 2, message: 'Dockerfile: unknown instruction "FORM"' },
      { file: 'Dockerfile', line: 4, message: 'Dockerfile: heredoc <<EOF is never closed' },
    ]);
    expect(rules).toContain('docker/curl-pipe-shell@3');
    expect(rules).toContain('docker/unpinned-base-image@1');
  });

  it('points a multi-line RUN finding at the instruction, also with the backtick escape', () => {
    const text = ['# escape=`', 'FROM debian:12', 'RUN apt-get update && `', '    apt-get install -y curl && `', '    curl -fsSL https://x.example/i.sh | bash'].join('\n');
    expect(scan('Dockerfile', text).rules).toContain('docker/curl-pipe-shell@3');
  });
});

describe('secret masking', () => {
  it('never shows an ENV or ARG secret in clear', () => {
    const secret = 'Zq8vT3nLw0pXr5Ks'; // biz:ignore (masking test data)
    const text = `FROM alpine:3.19\nENV SERVICE_TOKEN=${secret}\nARG ADMIN_PASSWORD="${secret}"\nUSER app\nHEALTHCHECK NONE\n`;
    const { findings } = scan('Dockerfile', text);
    expect(findings.map((f) => f.line)).toEqual([2, 3]);
    for (const finding of findings) {
      expect(JSON.stringify(finding)).not.toContain(secret);
      expect(finding.snippet).toMatch(/Zq8v\*{4}/);
    }
  });
});

describe('YAML files', () => {
  it('warns with the line of a malformed Kubernetes document and still scans the others', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: ok}',
      'spec:',
      '  hostPID: true',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'spec:',
      '  containers:',
      '    - name: a',
      '     image: broken',
    ].join('\n');
    const { rules, warnings } = scan('k8s/pods.yaml', text);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'k8s/pods.yaml', line: 12 });
    expect(warnings[0].message).toMatch(/^invalid YAML: /);
    expect(rules).toEqual(['k8s/host-namespace@5']);
  });

  it('warns about a malformed workflow and a malformed GitLab pipeline', () => {
    expect(scan('.github/workflows/ci.yml', 'on: push\njobs:\n  a: [1\n').warnings[0]).toMatchObject({ file: '.github/workflows/ci.yml', line: 4 });
    expect(scan('.gitlab-ci.yml', 'job:\n  script:\n  - a\n  bad\n').warnings[0]).toMatchObject({ file: '.gitlab-ci.yml', line: 4 });
    expect(scan('.gitlab-ci.yml', 'job: {}\njob: {}\n').warnings[0]).toMatchObject({ line: 2, message: 'invalid YAML: Map keys must be unique' });
  });

  it('reads aliases that fan out exponentially once, reporting each finding where it is written', () => {
    const lists = ['a0: &a0 ["echo $API_TOKEN", "make"]'];
    const maps = ['m0: &m0 {image: node}'];
    for (let i = 1; i < 40; i++) {
      lists.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}]`);
      maps.push(`m${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}], stage: s${i}}`);
    }
    const text = [...lists, ...maps, 'job:', '  <<: *m39', '  script: *a39', ''].join('\n');
    expect(scan('.gitlab-ci.yml', text).rules).toEqual(['gitlab-ci/secret-echoed@1', 'gitlab-ci/unpinned-image@41']);
  });

  it('skips Helm templates quietly: they are not YAML until rendered', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  {{- if .Values.hostNetwork }}\n  hostNetwork: true\n  {{- end }}\n    bad: indent\n';
    expect(scan('charts/app/templates/deployment.yaml', text)).toMatchObject({ findings: [], warnings: [] });
  });

  it('finds nothing in a large OpenAPI document, even one whose schemas have apiVersion and kind properties', () => {
    const paths = Array.from({ length: 1500 }, (_, i) =>
      [
        `  /v1/things/${i}:`,
        '    get:',
        `      operationId: getThing${i}`,
        '      responses:',
        "        '200':",
        '          description: ok',
        '          content:',
        '            application/json:',
        '              schema:',
        '                type: object',
        '                properties:',
        '                  apiVersion: {type: string}',
        '                  kind: {type: string}',
        '                  privileged: {type: boolean, example: true}',
        '                  image: {type: string, example: nginx}',
      ].join('\n'),
    );
    const text = `openapi: 3.1.0\ninfo: {title: things, version: '1'}\npaths:\n${paths.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(500_000);
    expect(scan('api/openapi.yaml', text)).toMatchObject({ findings: [], warnings: [] });
  });

  it('leaves YAML without Kubernetes workloads alone: a Compose file, a kubeconfig', () => {
    const compose = 'services:\n  app:\n    image: nginx\n    privileged: true\n    network_mode: host\n';
    expect(scan('docker-compose.yml', compose)).toMatchObject({ findings: [], warnings: [] });
    const kubeconfig = 'apiVersion: v1\nkind: Config\nspec:\n  containers:\n    - image: nginx\n      securityContext: {privileged: true}\n';
    expect(scan('kubeconfig.yaml', kubeconfig)).toMatchObject({ findings: [], warnings: [] });
  });

  it('reads a workload whose keys come in any order and whose document starts with comments', () => {
    const text = '# generated\n---\nkind: Pod\nmetadata: {name: p}\napiVersion: v1\nspec:\n  hostIPC: yes\n';
    expect(scan('pod.yml', text).rules).toEqual(['k8s/host-namespace@7']);
  });
});

describe('shell lexing', () => {
  it('splits commands at unquoted separators only', () => {
    const commands = shellCommands(`sudo -E curl -s "a|b" | bash -s && echo 'x; y' || true; FOO=1 /usr/bin/env python3 x.py`);
    expect(commands.map((c) => [c.program, c.pipedFrom, c.pipesTo])).toEqual([
      ['curl', false, true],
      ['bash', true, false],
      ['echo', false, false],
      ['true', false, false],
      ['python3', false, false],
    ]);
    expect(commands[2].args).toEqual(['x; y']);
  });

  it.each([
    ['curl -fsSL https://x.example/i | sh', true],
    ['wget -qO- https://x.example/i | tee log | sudo bash -s', true],
    ['bash <(curl -s https://x.example/i)', true],
    ['curl -o i.sh https://x.example/i; sh i.sh', false],
    ['curl https://x.example/a.json | python3 -m json.tool', false],
    ['echo "curl x | sh"', false],
  ])('download run by a shell: %s -> %s', (line, found) => {
    expect(downloadRunByShell(line) !== undefined).toBe(found);
  });

  it('tells printed output from output that is piped or written to a file', () => {
    expect(loggedPrints('echo $A; echo $B | cmd; echo $C > f; echo $D >&2; echo $E 2>/dev/null').map((c) => c.text.trim())).toEqual([
      'echo $A',
      'echo $D >&2',
      'echo $E 2>/dev/null',
    ]);
  });

  it('reports the quoting of each expansion and ignores single-quoted and escaped ones', () => {
    expect(expansions(`echo $A "\${B}" '$C' \\$D "x'$E'"`)).toEqual([
      { name: 'A', index: 5, quote: Quote.None },
      { name: 'B', index: 9, quote: Quote.Double },
      { name: 'E', index: 27, quote: Quote.Double },
    ]);
  });
});

describe('image references', () => {
  it.each([
    ['nginx', 'untagged'],
    ['nginx:latest', 'latest'],
    ['nginx:1.25', 'tag'],
    ['registry.example.com:5000/team/app', 'untagged'],
    ['registry.example.com:5000/team/app:2.0', 'tag'],
    ['app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'digest'],
    ['$CI_REGISTRY_IMAGE', 'unknown'],
    ['$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA', 'tag'],
  ])('%s is %s', (image, pin) => {
    expect(imagePin(image)).toBe(pin);
  });
});
