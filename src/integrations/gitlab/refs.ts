/**
 * Project and issue references as people type them: `group/project`, `group/project#12`, a numeric id, or a web
 * URL such as https://gitlab.example.com/group/project/-/issues/12 (the host is not checked: the configured GitLab
 * answers for it). Undefined when the text is none of these.
 */
export interface IssueRef {
  project: string;
  iid: number;
}

export function parseProjectRef(ref: string): string | undefined {
  const path = pathOf(ref);
  const project = path?.split('/-/')[0]?.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
  return project && !/\s|#/.test(project) ? project : undefined;
}

export function parseIssueRef(ref: string): IssueRef | undefined {
  const path = pathOf(ref);
  const match = path && (/^(.+)\/-\/(?:issues|work_items)\/(\d+)\/?$/.exec(path) ?? /^([^#]+)#(\d+)$/.exec(path));
  const project = match ? parseProjectRef(match[1]!) : undefined;
  return match && project ? { project, iid: Number(match[2]) } : undefined;
}

function pathOf(ref: string): string | undefined {
  const trimmed = ref.trim();
  if (!/^https?:\/\//i.test(trimmed)) return trimmed;
  try {
    return new URL(trimmed).pathname;
  } catch {
    return undefined;
  }
}
