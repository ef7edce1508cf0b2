/**
 * A loopback fake of the GitLab REST API v4 as @gitbeaker/rest speaks it (FACTS.md): JSON replies with
 * `content-type: application/json`, errors as `{message}` (a string, an array or a field map) or `{error}`, auth by
 * `private-token` or `Authorization: Bearer`, a 409 for a second open merge request with the same source and target,
 * offset pagination with a Link header. Projects keep their files per branch in memory so tests can read them back.
 * Faults are queued per method and path; every request is recorded with its token masked.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { maskToken, matchesRoute, readBody, takeFirstMatch } from './http';

export type GitLabFault =
  | { status: 401 | 403 | 409 | 500; message?: string }
  | { status: 429; retryAfter?: string } // GitLab's throttle: text/plain "Retry later"
  | { status: 502 } // a proxy in front of GitLab: text/html
  | 'html' // 200 with an HTML page, as when the URL points at a sign-in page instead of GitLab
  | 'hang'; // never answers

export interface RecordedRequest {
  method: string;
  /** Decoded, without /api/v4: `/projects/group/project/merge_requests`. */
  path: string;
  /** As sent on the wire: `/api/v4/projects/group%2Fproject/merge_requests`. */
  rawPath: string;
  query: Record<string, string>;
  body?: unknown;
  /** `private-token glpa****` or `bearer glpa****`; undefined when no token was sent. */
  auth?: string;
}

export interface FakeBranch {
  head: string;
  files: Map<string, string>;
}

export interface FakeCommit {
  id: string;
  parent: string | null;
  branch: string;
  message: string;
  actions: unknown[];
}

export interface FakeMergeRequest {
  id: number;
  iid: number;
  title: string;
  description: string;
  state: 'opened' | 'closed' | 'merged';
  sourceBranch: string;
  targetBranch: string;
}

export interface FakeIssue {
  id: number;
  iid: number;
  title: string;
  description: string;
}

export interface FakeProject {
  id: number;
  path: string;
  defaultBranch: string;
  branches: Map<string, FakeBranch>;
  commits: Map<string, FakeCommit>;
  mergeRequests: FakeMergeRequest[];
  issues: Map<number, FakeIssue>;
}

export interface FakeGitLab {
  /** The GitLab root to give the SDK as `host` (the API lives under /api/v4). */
  url: string;
  /** A token the fake accepts. */
  token: string;
  requests: RecordedRequest[];
  addProject(path: string, options?: { defaultBranch?: string; files?: Record<string, string> }): FakeProject;
  addIssue(projectPath: string, issue: { iid: number; title: string; description?: string }): FakeIssue;
  addMergeRequest(
    projectPath: string,
    mr: { source: string; target: string; title: string; description?: string; state?: FakeMergeRequest['state'] },
  ): FakeMergeRequest;
  project(path: string): FakeProject;
  /** A file's content on a branch, or undefined when the branch or the file does not exist. */
  file(projectPath: string, branch: string, filePath: string): string | undefined;
  /** Queue faults for the next requests matching `[METHOD ]/path/prefix` (decoded, without /api/v4), one each. */
  failNext(match: string, ...faults: GitLabFault[]): void;
  /** Run `change` just before the next matching request is handled normally (to stage races). */
  beforeNext(match: string, change: () => void): void;
  requestsTo(match: string): RecordedRequest[];
  close(): Promise<void>;
}

export interface FakeGitLabOptions {
  tokens?: string[];
  /** Default page size of list endpoints (GitLab's is 20). */
  perPage?: number;
}

type Query = Record<string, string>;
type Body = Record<string, unknown>;

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const API = '/api/v4';
const EPOCH = '2024-01-01T00:00:00.000Z';

export async function startFakeGitLab(options: FakeGitLabOptions = {}): Promise<FakeGitLab> {
  const tokens = new Set(options.tokens ?? ['glpat-fake-token-0123456789']);
  const defaultPerPage = options.perPage ?? 20;
  const projects = new Map<string, FakeProject>();
  const requests: RecordedRequest[] = [];
  const faults: { match: string; fault: GitLabFault }[] = [];
  const changes: { match: string; change: () => void }[] = [];
  let nextId = 1;
  let baseUrl = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, { status: 500, body: { message: `500 Internal Server Error: ${String(error)}` } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const segments = url.pathname.startsWith(`${API}/`) ? url.pathname.slice(API.length + 1).split('/').map(decodeURIComponent) : [];
    const path = `/${segments.join('/')}`;
    const raw = await readBody(req);
    const body = parseBody(raw);
    const query = Object.fromEntries(url.searchParams);
    const credential = credentialOf(req);
    requests.push({ method, path, rawPath: url.pathname, query, body, auth: credential && `${credential.scheme} ${maskToken(credential.token)}` });

    takeFirstMatch(changes, method, path)?.change();
    const fault = takeFirstMatch(faults, method, path)?.fault;
    if (fault === 'hang') return;
    if (fault !== undefined) return send(res, faultReply(fault));
    if (!credential || !tokens.has(credential.token)) return send(res, { status: 401, body: { message: '401 Unauthorized' } });
    if (segments.length === 0) return send(res, { status: 404, body: { error: '404 Not Found' } });
    send(res, route(method, segments, query, (body ?? {}) as Body, url));
  }

  function route(method: string, segments: string[], query: Query, body: Body, url: URL): Reply {
    const [root, projectId, ...rest] = segments;
    if (root !== 'projects' || projectId === undefined) return { status: 404, body: { error: '404 Not Found' } };
    const project = findProject(projectId);
    if (!project) return { status: 404, body: { message: '404 Project Not Found' } };
    const key = `${method} ${rest.map((s, i) => (i > 0 && /^(branches|files|merge_requests|issues)$/.test(rest[i - 1] ?? '') ? ':id' : s)).join('/')}`;
    const param = rest.at(-1) ?? '';
    switch (key) {
      case 'GET ':
        return ok(projectJson(project));
      case 'GET issues/:id':
        return showIssue(project, Number(param));
      case 'GET repository/branches':
        return page(filter(project.branches, query.search).map((name) => branchJson(project, name)), query, url);
      case 'GET repository/branches/:id':
        return project.branches.has(param) ? ok(branchJson(project, param)) : branchNotFound();
      case 'POST repository/branches':
        return createBranch(project, body);
      case 'DELETE repository/branches/:id':
        return deleteBranch(project, param);
      case 'GET repository/files/:id':
        return showFile(project, param, query);
      case 'POST repository/commits':
        return createCommit(project, body);
      case 'GET merge_requests':
        return page(listMergeRequests(project, query).map((mr) => mergeRequestJson(project, mr)), query, url);
      case 'POST merge_requests':
        return createMergeRequest(project, body);
      case 'GET merge_requests/:id':
        return withMergeRequest(project, param, (mr) => ok(mergeRequestJson(project, mr)));
      case 'PUT merge_requests/:id':
        return withMergeRequest(project, param, (mr) => editMergeRequest(project, mr, body));
      default:
        return { status: 404, body: { error: '404 Not Found' } };
    }
  }

  function findProject(idOrPath: string): FakeProject | undefined {
    if (/^\d+$/.test(idOrPath)) return [...projects.values()].find((p) => p.id === Number(idOrPath));
    return projects.get(idOrPath.toLowerCase());
  }

  function webUrl(project: FakeProject): string {
    return `${baseUrl}/${project.path}`;
  }

  function projectJson(project: FakeProject): Body {
    const name = project.path.split('/').at(-1) ?? project.path;
    const namespace = project.path.split('/').slice(0, -1).join('/');
    return {
      id: project.id,
      name,
      path: name,
      path_with_namespace: project.path,
      name_with_namespace: project.path.split('/').join(' / '),
      description: null,
      default_branch: project.defaultBranch,
      visibility: 'private',
      web_url: webUrl(project),
      http_url_to_repo: `${webUrl(project)}.git`,
      ssh_url_to_repo: `git@127.0.0.1:${project.path}.git`,
      namespace: { id: project.id + 1000, name: namespace, path: namespace, kind: 'group', full_path: namespace },
      empty_repo: false,
      archived: false,
      created_at: EPOCH,
    };
  }

  function showIssue(project: FakeProject, iid: number): Reply {
    const issue = project.issues.get(iid);
    if (!issue) return { status: 404, body: { message: '404 Not found' } };
    return ok({
      id: issue.id,
      iid: issue.iid,
      project_id: project.id,
      title: issue.title,
      description: issue.description,
      state: 'opened',
      labels: [],
      author: { id: 1, username: 'fake', name: 'Fake User' },
      created_at: EPOCH,
      updated_at: EPOCH,
      web_url: `${webUrl(project)}/-/issues/${issue.iid}`,
      references: { short: `#${issue.iid}`, relative: `#${issue.iid}`, full: `${project.path}#${issue.iid}` },
    });
  }

  function commitJson(project: FakeProject, sha: string): Body {
    const commit = project.commits.get(sha);
    const message = commit?.message ?? '';
    return {
      id: sha,
      short_id: sha.slice(0, 8),
      title: message.split('\n')[0],
      message,
      parent_ids: commit?.parent ? [commit.parent] : [],
      author_name: 'Fake User',
      author_email: 'fake@example.test',
      authored_date: EPOCH,
      committer_name: 'Fake User',
      committer_email: 'fake@example.test',
      committed_date: EPOCH,
      created_at: EPOCH,
      web_url: `${webUrl(project)}/-/commit/${sha}`,
    };
  }

  function branchJson(project: FakeProject, name: string): Body {
    const branch = project.branches.get(name) as FakeBranch;
    return {
      name,
      merged: false,
      protected: name === project.defaultBranch,
      default: name === project.defaultBranch,
      developers_can_push: false,
      developers_can_merge: false,
      can_push: true,
      web_url: `${webUrl(project)}/-/tree/${name}`,
      commit: commitJson(project, branch.head),
    };
  }

  function createBranch(project: FakeProject, body: Body): Reply {
    const missing = missingParam(body, 'branch', 'ref');
    if (missing) return missing;
    const name = String(body.branch);
    const from = String(body.ref);
    if (project.branches.has(name)) return { status: 400, body: { message: 'Branch already exists' } };
    const source = resolveRef(project, from);
    if (!source) return { status: 400, body: { message: 'Invalid reference name: ' + from } };
    project.branches.set(name, { head: source.head, files: new Map(source.files) });
    return { status: 201, body: branchJson(project, name) };
  }

  function deleteBranch(project: FakeProject, name: string): Reply {
    if (!project.branches.has(name)) return branchNotFound();
    if (name === project.defaultBranch) return { status: 400, body: { message: 'Cannot remove HEAD branch' } };
    project.branches.delete(name);
    return { status: 204 };
  }

  /** A branch name or a commit sha; a sha resolves to the files of the branch whose head it is. */
  function resolveRef(project: FakeProject, ref: string): FakeBranch | undefined {
    return project.branches.get(ref) ?? [...project.branches.values()].find((b) => b.head === ref);
  }

  function showFile(project: FakeProject, filePath: string, query: Query): Reply {
    if (!query.ref) return { status: 400, body: { error: 'ref is missing' } };
    const branch = resolveRef(project, query.ref);
    if (!branch) return { status: 404, body: { message: '404 Commit Not Found' } };
    const content = branch.files.get(filePath);
    if (content === undefined) return { status: 404, body: { message: '404 File Not Found' } };
    const bytes = Buffer.from(content);
    return ok({
      file_name: filePath.split('/').at(-1),
      file_path: filePath,
      size: bytes.length,
      encoding: 'base64',
      content: bytes.toString('base64'),
      content_sha256: createHash('sha256').update(bytes).digest('hex'),
      ref: query.ref,
      blob_id: createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex'),
      commit_id: branch.head,
      last_commit_id: branch.head,
    });
  }

  function createCommit(project: FakeProject, body: Body): Reply {
    const missing = missingParam(body, 'branch', 'commit_message', 'actions');
    if (missing) return missing;
    const name = String(body.branch);
    const startBranch = typeof body.start_branch === 'string' ? body.start_branch : undefined;
    const base = project.branches.get(name) ?? (startBranch !== undefined ? resolveRef(project, startBranch) : undefined);
    if (!base) {
      const message = startBranch !== undefined ? `Invalid reference name: ${startBranch}` : 'You can only create or edit files when you are on a branch';
      return { status: 400, body: { message } };
    }
    if (!Array.isArray(body.actions)) return { status: 400, body: { error: 'actions is invalid' } };
    const files = new Map(base.files);
    for (const action of body.actions as Body[]) {
      const problem = applyAction(files, action);
      if (problem) return { status: 400, body: { message: problem } };
    }
    const message = String(body.commit_message);
    const id = createHash('sha1').update(`${base.head}\0${message}\0${nextId++}`).digest('hex');
    project.commits.set(id, { id, parent: base.head, branch: name, message, actions: body.actions });
    project.branches.set(name, { head: id, files });
    return { status: 201, body: { ...commitJson(project, id), stats: { additions: 0, deletions: 0, total: 0 }, status: null } };
  }

  function createMergeRequest(project: FakeProject, body: Body): Reply {
    const missing = missingParam(body, 'source_branch', 'target_branch', 'title');
    if (missing) return missing;
    const source = String(body.source_branch);
    const target = String(body.target_branch);
    if (source === target) return { status: 400, body: { message: ["You can't use same project/branch for source and target"] } };
    if (!project.branches.has(source)) return { status: 400, body: { message: [`Source branch "${source}" does not exist`] } };
    if (!project.branches.has(target)) return { status: 400, body: { message: [`Target branch "${target}" does not exist`] } };
    const open = openMergeRequest(project, source, target);
    if (open) return { status: 409, body: { message: [`Another open merge request already exists for this source branch: !${open.iid}`] } };
    const mr = insertMergeRequest(project, { source, target, title: String(body.title), description: stringOr(body.description, '') });
    return { status: 201, body: mergeRequestJson(project, mr) };
  }

  function editMergeRequest(project: FakeProject, mr: FakeMergeRequest, body: Body): Reply {
    if (typeof body.title === 'string') mr.title = body.title;
    if (typeof body.description === 'string') mr.description = body.description;
    if (body.state_event === 'close' && mr.state === 'opened') mr.state = 'closed';
    if (body.state_event === 'reopen' && mr.state === 'closed') {
      const open = openMergeRequest(project, mr.sourceBranch, mr.targetBranch);
      if (open) return { status: 409, body: { message: [`Another open merge request already exists for this source branch: !${open.iid}`] } };
      mr.state = 'opened';
    }
    return ok(mergeRequestJson(project, mr));
  }

  function withMergeRequest(project: FakeProject, iid: string, then: (mr: FakeMergeRequest) => Reply): Reply {
    const mr = project.mergeRequests.find((m) => m.iid === Number(iid));
    return mr ? then(mr) : { status: 404, body: { message: '404 Not found' } };
  }

  function openMergeRequest(project: FakeProject, source: string, target: string): FakeMergeRequest | undefined {
    return project.mergeRequests.find((m) => m.state === 'opened' && m.sourceBranch === source && m.targetBranch === target);
  }

  function listMergeRequests(project: FakeProject, query: Query): FakeMergeRequest[] {
    return project.mergeRequests
      .filter((m) => !query.state || query.state === 'all' || m.state === query.state)
      .filter((m) => !query.source_branch || m.sourceBranch === query.source_branch)
      .filter((m) => !query.target_branch || m.targetBranch === query.target_branch)
      .toReversed();
  }

  function insertMergeRequest(
    project: FakeProject,
    mr: { source: string; target: string; title: string; description?: string; state?: FakeMergeRequest['state'] },
  ): FakeMergeRequest {
    const created: FakeMergeRequest = {
      id: nextId++,
      iid: project.mergeRequests.length + 1,
      title: mr.title,
      description: mr.description ?? '',
      state: mr.state ?? 'opened',
      sourceBranch: mr.source,
      targetBranch: mr.target,
    };
    project.mergeRequests.push(created);
    return created;
  }

  function mergeRequestJson(project: FakeProject, mr: FakeMergeRequest): Body {
    return {
      id: mr.id,
      iid: mr.iid,
      project_id: project.id,
      source_project_id: project.id,
      target_project_id: project.id,
      title: mr.title,
      description: mr.description,
      state: mr.state,
      source_branch: mr.sourceBranch,
      target_branch: mr.targetBranch,
      draft: false,
      work_in_progress: false,
      merge_status: 'can_be_merged',
      detailed_merge_status: 'mergeable',
      sha: project.branches.get(mr.sourceBranch)?.head ?? null,
      created_at: EPOCH,
      updated_at: EPOCH,
      closed_at: mr.state === 'closed' ? EPOCH : null,
      merged_at: mr.state === 'merged' ? EPOCH : null,
      web_url: `${webUrl(project)}/-/merge_requests/${mr.iid}`,
      references: { short: `!${mr.iid}`, relative: `!${mr.iid}`, full: `${project.path}!${mr.iid}` },
    };
  }

  /** GitLab's offset pagination: page/per_page in, x-* headers and a Link header with rel="next" out. */
  function page(items: unknown[], query: Query, url: URL): Reply {
    const perPage = Math.min(Number(query.per_page) || defaultPerPage, 100);
    const current = Math.max(Number(query.page) || 1, 1);
    const totalPages = Math.max(Math.ceil(items.length / perPage), 1);
    const headers: Record<string, string> = {
      'x-page': String(current),
      'x-per-page': String(perPage),
      'x-total': String(items.length),
      'x-total-pages': String(totalPages),
      'x-next-page': current < totalPages ? String(current + 1) : '',
      'x-prev-page': current > 1 ? String(current - 1) : '',
    };
    const link = (n: number, rel: string): string => {
      const target = new URL(`${baseUrl}${url.pathname}`);
      for (const [k, v] of url.searchParams) target.searchParams.set(k, v);
      target.searchParams.set('page', String(n));
      target.searchParams.set('per_page', String(perPage));
      return `<${target.href}>; rel="${rel}"`;
    };
    const links = [link(1, 'first'), link(totalPages, 'last')];
    if (current < totalPages) links.unshift(link(current + 1, 'next'));
    headers.link = links.join(', ');
    return { status: 200, body: items.slice((current - 1) * perPage, current * perPage), headers };
  }

  const fake: FakeGitLab = {
    url: '',
    token: [...tokens][0] ?? '',
    requests,
    addProject(path, opts = {}) {
      const defaultBranch = opts.defaultBranch ?? 'main';
      const project: FakeProject = { id: nextId++, path, defaultBranch, branches: new Map(), commits: new Map(), mergeRequests: [], issues: new Map() };
      const head = createHash('sha1').update(`initial ${path}`).digest('hex');
      project.commits.set(head, { id: head, parent: null, branch: defaultBranch, message: 'Initial commit', actions: [] });
      project.branches.set(defaultBranch, { head, files: new Map(Object.entries(opts.files ?? {})) });
      projects.set(path.toLowerCase(), project);
      return project;
    },
    addIssue(projectPath, issue) {
      const created: FakeIssue = { id: nextId++, iid: issue.iid, title: issue.title, description: issue.description ?? '' };
      fake.project(projectPath).issues.set(issue.iid, created);
      return created;
    },
    addMergeRequest(projectPath, mr) {
      return insertMergeRequest(fake.project(projectPath), mr);
    },
    project(path) {
      const project = projects.get(path.toLowerCase());
      if (!project) throw new Error(`fake GitLab has no project ${path}`);
      return project;
    },
    file(projectPath, branch, filePath) {
      return fake.project(projectPath).branches.get(branch)?.files.get(filePath);
    },
    failNext(match, ...queued) {
      for (const fault of queued) faults.push({ match, fault });
    },
    beforeNext(match, change) {
      changes.push({ match, change });
    },
    requestsTo(match) {
      return requests.filter((r) => matchesRoute(match, r.method, r.path));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = baseUrl;
  return fake;
}

function faultReply(fault: Exclude<GitLabFault, 'hang'>): Reply {
  if (fault === 'html') {
    return { status: 200, body: '<!DOCTYPE html><html><head><title>Sign in · GitLab</title></head></html>', headers: { 'content-type': 'text/html; charset=utf-8' } };
  }
  if (fault.status === 429) {
    const headers: Record<string, string> = { 'content-type': 'text/plain', 'ratelimit-remaining': '0' };
    if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
    return { status: 429, body: 'Retry later\n', headers };
  }
  if (fault.status === 502) {
    return { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'content-type': 'text/html' } };
  }
  const standard = { 401: '401 Unauthorized', 403: '403 Forbidden', 409: '409 Conflict', 500: '500 Internal Server Error' }[fault.status];
  return { status: fault.status, body: { message: fault.message ?? standard } };
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.status === 204) {
    res.writeHead(204, reply.headers).end();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(text);
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function branchNotFound(): Reply {
  return { status: 404, body: { message: '404 Branch Not Found' } };
}

function missingParam(body: Body, ...names: string[]): Reply | undefined {
  const name = names.find((n) => body[n] === undefined || body[n] === null || body[n] === '');
  return name ? { status: 400, body: { error: `${name} is missing` } } : undefined;
}

function filter(branches: Map<string, FakeBranch>, search: string | undefined): string[] {
  return [...branches.keys()].filter((name) => !search || name.includes(search)).sort();
}

function applyAction(files: Map<string, string>, action: Body): string | undefined {
  const path = typeof action.file_path === 'string' ? action.file_path : '';
  if (!path) return 'file_path is missing';
  const content = typeof action.content === 'string' ? decodeContent(action.content, action.encoding) : undefined;
  switch (action.action) {
    case 'create':
      if (files.has(path)) return 'A file with this name already exists';
      files.set(path, content ?? '');
      return undefined;
    case 'update':
      if (!files.has(path)) return "A file with this name doesn't exist";
      files.set(path, content ?? '');
      return undefined;
    case 'delete':
      if (!files.delete(path)) return "A file with this name doesn't exist";
      return undefined;
    case 'move': {
      const previous = typeof action.previous_path === 'string' ? action.previous_path : '';
      const old = files.get(previous);
      if (old === undefined) return "A file with this name doesn't exist";
      if (files.has(path)) return 'A file with this name already exists';
      files.delete(previous);
      files.set(path, content ?? old);
      return undefined;
    }
    default:
      return 'actions[action] does not have a valid value';
  }
}

function decodeContent(content: string, encoding: unknown): string {
  return encoding === 'base64' ? Buffer.from(content, 'base64').toString('utf8') : content;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function credentialOf(req: IncomingMessage): { scheme: string; token: string } | undefined {
  const privateToken = req.headers['private-token'];
  if (typeof privateToken === 'string' && privateToken) return { scheme: 'private-token', token: privateToken };
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return bearer ? { scheme: 'bearer', token: bearer } : undefined;
}

function parseBody(raw: string): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

