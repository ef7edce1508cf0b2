import type { RuleMeta } from '../../findings';

type InfraRule = Omit<RuleMeta, 'scanner'>;

const rule = (meta: InfraRule): RuleMeta => ({ scanner: 'infrastructure', ...meta });

const PRIVILEGE = { cwe: ['CWE-250'], owasp: ['A05:2021'] };
const SUPPLY_CHAIN = { cwe: ['CWE-829'], owasp: ['A08:2021'] };
const LOGGED_SECRET = { cwe: ['CWE-532'], owasp: ['A09:2021'] };

export const RULES = {
  dockerRootUser: rule({
    id: 'docker/root-user',
    title: 'Container runs as root',
    severity: 'medium',
    ...PRIVILEGE,
    description:
      'The final stage sets no USER (or sets root or 0 last), so the container process runs as root. A compromise of ' +
      'the process then has root inside the container, which makes kernel and runtime escapes far easier.',
    fix: 'Create an unprivileged user and end the final stage with `USER <name or uid>`.',
  }),
  dockerUnpinnedBaseImage: rule({
    id: 'docker/unpinned-base-image',
    title: 'Base image without a fixed tag',
    severity: 'medium',
    ...SUPPLY_CHAIN,
    description:
      'FROM names an image without a tag or with :latest, so each build may pull different, unreviewed content.',
    fix: 'Pin the base image to a version tag, better to a digest: `FROM node:20.11-slim@sha256:...`.',
  }),
  dockerAddRemoteUrl: rule({
    id: 'docker/add-remote-url',
    title: 'ADD downloads a remote URL without a checksum',
    severity: 'medium',
    cwe: ['CWE-494'],
    owasp: ['A08:2021'],
    description:
      'ADD fetches the URL at build time without verifying what it got; whoever controls the server or the network ' +
      'path controls the file baked into the image.',
    fix: 'Download with curl or wget in RUN and verify a checksum, or use `ADD --checksum=sha256:... <url>`.',
  }),
  dockerAddInsteadOfCopy: rule({
    id: 'docker/add-instead-of-copy',
    title: 'ADD used where COPY would do',
    severity: 'low',
    cwe: ['CWE-710'],
    owasp: ['A05:2021'],
    description:
      'ADD copies local files but also unpacks archives and fetches URLs; using it for plain files hides that ' +
      'behaviour and can unpack content nobody meant to extract.',
    fix: 'Use COPY for local files and directories; keep ADD for local tar archives you mean to extract.',
  }),
  dockerCurlPipeShell: rule({
    id: 'docker/curl-pipe-shell',
    title: 'Download piped into a shell',
    severity: 'high',
    cwe: ['CWE-494'],
    owasp: ['A08:2021'],
    description:
      'RUN executes a script straight from curl or wget. Nothing checks what was downloaded, so a compromised ' +
      'server or mirror runs its code inside the build.',
    fix: 'Download to a file, verify its checksum or signature, then run it; or install from a package manager.',
  }),
  dockerSecretInEnv: rule({
    id: 'docker/secret-in-env',
    title: 'Secret in ENV or ARG',
    severity: 'high',
    cwe: ['CWE-798'],
    owasp: ['A07:2021'],
    description:
      'A secret set with ENV or as an ARG default is stored in the image configuration and history, readable by ' +
      'anyone who can pull the image.',
    fix: 'Pass secrets at build time with `RUN --mount=type=secret` and at run time from the orchestrator, never in the Dockerfile.',
  }),
  dockerMissingHealthcheck: rule({
    id: 'docker/missing-healthcheck',
    title: 'No HEALTHCHECK in the final stage',
    severity: 'low',
    cwe: ['CWE-710'],
    owasp: ['A05:2021'],
    description:
      'Without a HEALTHCHECK the runtime cannot tell a hung container from a healthy one and will keep routing to it.',
    fix: 'Add `HEALTHCHECK CMD <probe>` to the final stage, or `HEALTHCHECK NONE` to record that the orchestrator probes it.',
  }),

  k8sPrivileged: rule({
    id: 'k8s/privileged-container',
    title: 'Privileged container',
    severity: 'high',
    ...PRIVILEGE,
    description:
      'A privileged container has every capability and access to the host devices; escaping to the node is trivial.',
    fix: 'Remove `privileged: true`; grant only the specific capabilities the workload needs.',
  }),
  k8sPrivilegeEscalation: rule({
    id: 'k8s/privilege-escalation',
    title: 'Privilege escalation allowed',
    severity: 'medium',
    cwe: ['CWE-269'],
    owasp: ['A05:2021'],
    description:
      'allowPrivilegeEscalation is not false, so a process can gain more privileges than its parent (setuid binaries, file capabilities).',
    fix: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
  }),
  k8sDangerousCapability: rule({
    id: 'k8s/dangerous-capability',
    title: 'Dangerous Linux capability added',
    severity: 'high',
    ...PRIVILEGE,
    description:
      'The container adds SYS_ADMIN, NET_ADMIN, SYS_MODULE, SYS_PTRACE or ALL, capabilities that are close to root on the node.',
    fix: 'Drop the capability; redesign the workload so it does not need node-level administration.',
  }),
  k8sAddedCapability: rule({
    id: 'k8s/added-capability',
    title: 'Linux capability added',
    severity: 'medium',
    ...PRIVILEGE,
    description: 'The container adds Linux capabilities beyond the runtime default, widening what a compromise can do.',
    fix: 'Remove `capabilities.add` unless the workload needs it; document the reason when it does.',
  }),
  k8sCapabilitiesNotDropped: rule({
    id: 'k8s/capabilities-not-dropped',
    title: 'Capabilities not dropped',
    severity: 'low',
    ...PRIVILEGE,
    description: 'The container keeps the runtime default capabilities (such as NET_RAW and CHOWN) because it does not drop ALL.',
    fix: 'Set `securityContext.capabilities.drop: [ALL]` and add back only what is needed.',
  }),
  k8sRunsAsRoot: rule({
    id: 'k8s/runs-as-root',
    title: 'Container may run as root',
    severity: 'medium',
    ...PRIVILEGE,
    description:
      'Neither the pod nor the container sets runAsNonRoot: true or a non-zero runAsUser (or runAsUser is 0), so the ' +
      'process may run as root.',
    fix: 'Set `securityContext.runAsNonRoot: true` and a non-zero `runAsUser` at pod or container level.',
  }),
  k8sWritableRootFilesystem: rule({
    id: 'k8s/writable-root-filesystem',
    title: 'Root filesystem is writable',
    severity: 'low',
    cwe: ['CWE-732'],
    owasp: ['A05:2021'],
    description: 'readOnlyRootFilesystem is not true, so an attacker can modify binaries and drop tools inside the container.',
    fix: 'Set `securityContext.readOnlyRootFilesystem: true` and mount emptyDir volumes where the app must write.',
  }),
  k8sMissingLimits: rule({
    id: 'k8s/missing-resource-limits',
    title: 'No CPU or memory limit',
    severity: 'low',
    cwe: ['CWE-770'],
    owasp: ['A05:2021'],
    description: 'Without resources.limits one container can exhaust the node and starve its neighbours.',
    fix: 'Set `resources.limits.cpu` and `resources.limits.memory` on every container.',
  }),
  k8sUnpinnedImage: rule({
    id: 'k8s/unpinned-image',
    title: 'Container image without a fixed tag',
    severity: 'medium',
    ...SUPPLY_CHAIN,
    description: 'The image has no tag or uses :latest, so every pull may run different, unreviewed code.',
    fix: 'Pin the image to a version tag, better to a digest (`image: repo/app:1.4.2@sha256:...`).',
  }),
  k8sHostNamespace: rule({
    id: 'k8s/host-namespace',
    title: 'Pod shares a host namespace',
    severity: 'high',
    ...PRIVILEGE,
    description:
      'hostNetwork, hostPID or hostIPC lets the pod see and talk to the node\'s network, processes or shared memory, ' +
      'bypassing network policy and process isolation.',
    fix: 'Remove hostNetwork, hostPID and hostIPC (or set them to false).',
  }),
  k8sHostPath: rule({
    id: 'k8s/host-path-volume',
    title: 'hostPath volume',
    severity: 'medium',
    cwe: ['CWE-668'],
    owasp: ['A05:2021'],
    description: 'A hostPath volume exposes part of the node filesystem to the pod and ties it to one node.',
    fix: 'Use a PersistentVolumeClaim, configMap, secret or emptyDir instead of hostPath.',
  }),
  k8sSensitiveHostPath: rule({
    id: 'k8s/sensitive-host-path',
    title: 'hostPath mounts a sensitive node path',
    severity: 'high',
    cwe: ['CWE-668'],
    owasp: ['A05:2021'],
    description:
      'The pod mounts the node root, /etc, /proc, /sys, /root, the kubelet directory or a container runtime socket, ' +
      'which gives it control of the node.',
    fix: 'Remove the hostPath volume; talk to the runtime through a narrowly scoped API instead of its socket.',
  }),

  gitlabUnpinnedImage: rule({
    id: 'gitlab-ci/unpinned-image',
    title: 'CI image without a fixed tag',
    severity: 'medium',
    ...SUPPLY_CHAIN,
    description: 'A job image or service has no tag or uses :latest, so pipelines run whatever was pushed last under that name.',
    fix: 'Pin `image:` and `services:` to a version tag, better to a digest.',
  }),
  gitlabRemoteInclude: rule({
    id: 'gitlab-ci/remote-include',
    title: 'Pipeline includes a remote URL',
    severity: 'medium',
    ...SUPPLY_CHAIN,
    description:
      'include: remote fetches pipeline configuration from a URL at every run; whoever controls that URL controls ' +
      'the jobs and their access to CI variables.',
    fix: 'Copy the file into the repository or include it from a project you control with `project:` and a pinned `ref:`.',
  }),
  gitlabUnpinnedInclude: rule({
    id: 'gitlab-ci/unpinned-project-include',
    title: 'Project include without a ref',
    severity: 'medium',
    ...SUPPLY_CHAIN,
    description: 'include: project without ref follows the default branch of that project, so its changes reach this pipeline unreviewed.',
    fix: 'Add `ref:` with a tag or commit SHA to the include.',
  }),
  gitlabSecretEchoed: rule({
    id: 'gitlab-ci/secret-echoed',
    title: 'Secret printed to the job log',
    severity: 'medium',
    ...LOGGED_SECRET,
    description:
      'A script prints a variable whose name says it holds a secret; job logs are readable by everyone with access ' +
      'to the pipeline, and masking fails for values that are not maskable or are transformed.',
    fix: 'Do not print secrets; pass them to the command that needs them through a pipe, a file or an environment variable.',
  }),
  gitlabScriptInjection: rule({
    id: 'gitlab-ci/script-injection',
    title: 'Commit or merge request text used unquoted in a script',
    severity: 'low',
    cwe: ['CWE-78'],
    owasp: ['A03:2021'],
    description:
      'Commit messages and merge request titles and descriptions are written by whoever pushes or opens the merge ' +
      'request. Expanded unquoted, or inside eval or sh -c, they are split, globbed or run as shell code.',
    fix: 'Quote the variable ("$CI_COMMIT_MESSAGE"), never pass it to eval or sh -c, and prefer writing it to a file.',
  }),

  ghaUnpinnedAction: rule({
    id: 'gha/unpinned-action',
    title: 'Third-party action not pinned to a commit SHA',
    severity: 'medium',
    ...SUPPLY_CHAIN,
    description:
      'uses: refers to a tag or branch of a third-party action. Tags and branches can be moved, so a compromised ' +
      'or sold action repository runs new code with this workflow\'s token and secrets.',
    fix: 'Pin to the full 40-character commit SHA (keep the version in a comment: `uses: owner/action@<sha> # v1.2.3`).',
  }),
  ghaUnpinnedOfficialAction: rule({
    id: 'gha/unpinned-official-action',
    title: 'GitHub-owned action not pinned to a commit SHA',
    severity: 'low',
    ...SUPPLY_CHAIN,
    description: 'An actions/* or github/* action is referenced by a movable tag or branch rather than a commit SHA.',
    fix: 'Pin to the full 40-character commit SHA and let Dependabot or Renovate update it.',
  }),
  ghaUntrustedCheckout: rule({
    id: 'gha/untrusted-checkout',
    title: 'Privileged workflow checks out pull request code',
    severity: 'high',
    ...SUPPLY_CHAIN,
    description:
      'A pull_request_target or workflow_run workflow runs with a write token and secrets; checking out the pull ' +
      'request head lets the pull request author run code (build scripts, tests, package hooks) with those privileges.',
    fix: 'Use the pull_request trigger for untrusted code, or split the work: build in pull_request, publish results from a separate privileged workflow that never runs PR code.',
  }),
  ghaScriptInjection: rule({
    id: 'gha/script-injection',
    title: 'Untrusted event data expanded in a script',
    severity: 'high',
    cwe: ['CWE-78'],
    owasp: ['A03:2021'],
    description:
      'A ${{ }} expression with attacker-controlled text (issue or PR title and body, comments, branch names, commit ' +
      'messages) is pasted into the script before the shell runs, so that text can run commands with the workflow\'s token.',
    fix: 'Pass the value through `env:` (`TITLE: ${{ github.event.issue.title }}`) and use "$TITLE" in the script.',
  }),
  ghaSecretEchoed: rule({
    id: 'gha/secret-echoed',
    title: 'Secret printed to the workflow log',
    severity: 'medium',
    ...LOGGED_SECRET,
    description:
      'A run step prints a secret. Log masking only hides the exact value; any transformation, partial print or ' +
      'encoding puts it in the log in clear.',
    fix: 'Do not print secrets; pipe them to the command that needs them (`--password-stdin`) or pass them via `env:`.',
  }),
  ghaWriteAllPermissions: rule({
    id: 'gha/write-all-permissions',
    title: 'Workflow token has write-all permissions',
    severity: 'medium',
    cwe: ['CWE-272'],
    owasp: ['A05:2021'],
    description: 'permissions: write-all gives every step a token that can push code, create releases and change settings.',
    fix: 'Grant only the scopes the job needs (`permissions: {contents: read}`), per job where possible.',
  }),
  ghaUnpinnedImage: rule({
    id: 'gha/unpinned-image',
    title: 'Job container or service image without a fixed tag',
    severity: 'medium',
    ...SUPPLY_CHAIN,
    description: 'A job container or service image has no tag or uses :latest, so runs may use different, unreviewed images.',
    fix: 'Pin the image to a version tag, better to a digest.',
  }),
} as const satisfies Record<string, RuleMeta>;

export const INFRA_RULES: RuleMeta[] = Object.values(RULES);
