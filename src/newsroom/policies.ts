import type { StaffRole } from './staff.js';

/**
 * Who may do what in the newsroom, as one-line policies (STYLE.md, example 9). Every newsroom route
 * checks one of these on the server; the UI only hides what a policy would refuse anyway.
 */
export interface StaffMember {
  id: number;
  name: string;
  email: string;
  role: StaffRole;
}

const RANK: Record<StaffRole, number> = { reporter: 1, editor: 2, admin: 3 };

export const atLeast = (who: StaffMember, role: StaffRole) => RANK[who.role] >= RANK[role];

export const policies = {
  /** Reporters write; editors and admins too. */
  createStory: (who: StaffMember) => atLeast(who, 'reporter'),
  /** A reporter edits only their own stories that are not yet published; editors edit any. */
  editStory: (who: StaffMember, story: { authorIds: number[]; createdBy: number | null; status: string }) =>
    atLeast(who, 'editor') || ((story.createdBy === who.id || story.authorIds.includes(who.id)) && (story.status === 'draft' || story.status === 'submitted')),
  submitStory: (who: StaffMember, story: { authorIds: number[]; createdBy: number | null; status: string }) => policies.editStory(who, story),
  /** A reporter sees their own stories (read-only once published); editors see every story. */
  viewStory: (who: StaffMember, story: { authorIds: number[]; createdBy: number | null }) => atLeast(who, 'editor') || story.createdBy === who.id || story.authorIds.includes(who.id),
  /** Restoring a revision is an edit of the story. */
  restoreRevision: (who: StaffMember, story: { authorIds: number[]; createdBy: number | null; status: string }) => policies.editStory(who, story),
  /** Reporters list only their own stories. */
  listAllStories: (who: StaffMember) => atLeast(who, 'editor'),
  createTags: (who: StaffMember) => atLeast(who, 'editor'),
  viewAudit: (who: StaffMember) => atLeast(who, 'editor'),
  publishStory: (who: StaffMember) => atLeast(who, 'editor'),
  scheduleStory: (who: StaffMember) => atLeast(who, 'editor'),
  unpublishStory: (who: StaffMember) => atLeast(who, 'editor'),
  manageTags: (who: StaffMember) => atLeast(who, 'editor'),
  manageDesks: (who: StaffMember) => atLeast(who, 'admin'),
  manageStaff: (who: StaffMember) => atLeast(who, 'admin'),
  manageSettings: (who: StaffMember) => atLeast(who, 'admin'),
  managePlans: (who: StaffMember) => atLeast(who, 'admin'),
  uploadMedia: (who: StaffMember) => atLeast(who, 'reporter'),
  scoreMatches: (who: StaffMember) => atLeast(who, 'editor'),
  runLiveBlog: (who: StaffMember) => atLeast(who, 'editor'),
  manageWebhooks: (who: StaffMember) => atLeast(who, 'admin'),
} as const;
