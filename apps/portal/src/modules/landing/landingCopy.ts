import type { LandingKind } from './chooseLanding';

/** Headings are part of the contract with the e2e spec; change them together. */
export const landingCopy: Record<LandingKind, { heading: string; intro: string }> = {
  platform_admin: { heading: 'Platform overview', intro: 'Every project on this Cloister platform, with its status and tier.' },
  project_admin: { heading: 'Project administration', intro: 'Manage the members and settings of the projects you administer.' },
  data_owner: { heading: 'My datasets', intro: 'Upload and govern the datasets you own in your projects.' },
  output_checker: { heading: 'Awaiting my review', intro: 'Requests from researchers to take outputs out of the secure environment, waiting for your decision.' },
  researcher: { heading: 'My workspace', intro: 'Work with approved data inside your project’s secure environment.' },
  none: { heading: 'Welcome to Cloister', intro: 'You are not a member of any project yet.' },
};
