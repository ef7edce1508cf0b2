import { describe, expect, it } from 'vitest';
import { parseIssueRef, parseProjectRef } from '../../src/integrations/gitlab';

describe('GitLab references as people type them', () => {
  it('reads issue references: project#iid and issue URLs', () => {
    expect(parseIssueRef('group/project#12')).toEqual({ project: 'group/project', iid: 12 });
    expect(parseIssueRef(' group/sub/project#7 ')).toEqual({ project: 'group/sub/project', iid: 7 });
    expect(parseIssueRef('https://gitlab.example.com/group/project/-/issues/12')).toEqual({ project: 'group/project', iid: 12 });
    expect(parseIssueRef('https://gitlab.example.com/group/project/-/work_items/3/')).toEqual({ project: 'group/project', iid: 3 });
  });

  it('rejects what is not an issue reference', () => {
    for (const text of ['group/project', '#12', 'group/project#x', 'https://gitlab.example.com/group/project/-/merge_requests/1', 'https://']) {
      expect(parseIssueRef(text), text).toBeUndefined();
    }
  });

  it('reads project references: paths, ids and web or clone URLs', () => {
    expect(parseProjectRef('group/project')).toBe('group/project');
    expect(parseProjectRef('42')).toBe('42');
    expect(parseProjectRef('https://gitlab.example.com/group/sub/project.git')).toBe('group/sub/project');
    expect(parseProjectRef('https://gitlab.example.com/group/project/-/tree/main')).toBe('group/project');
    expect(parseProjectRef('not a project')).toBeUndefined();
    expect(parseProjectRef('')).toBeUndefined();
  });
});
