export { parseEdits } from './parse';
export { planEdits, type PlanOptions } from './plan';
export { applyChanges, ApplyError, type ApplyFs } from './apply';
export { unifiedDiff } from './unified';
export { formatFailuresForModel, type FeedbackOptions } from './feedback';
export type { Edit, EditFailure, FailureReason, FileChange, LineWindow, ParseError, PlanResult } from './types';
