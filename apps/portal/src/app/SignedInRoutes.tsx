import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { AuditLogPage } from '../modules/audit/components/AuditLogPage';
import { DatasetsPage } from '../modules/datasets/components/DatasetsPage';
import { OutputsPage } from '../modules/exports/components/OutputsPage';
import { ProjectExportsPage } from '../modules/exports/components/ProjectExportsPage';
import { ReviewsPage } from '../modules/exports/components/ReviewsPage';
import { RoleLanding } from '../modules/landing/components/RoleLanding';
import type { NavItemDefinition, NavPath } from '../modules/navigation/navItemsForUser';
import { MembersPage } from '../modules/members/components/MembersPage';
import { DevMailboxPage } from '../modules/notifications/components/DevMailboxPage';
import { MyProjectsPage } from '../modules/projects/components/MyProjectsPage';
import { ProjectsPage } from '../modules/projects/components/ProjectsPage';
import { PosturePage } from '../modules/posture/components/PosturePage';
import { WorkspacesPage } from '../modules/workspaces/components/WorkspacesPage';
import { DocumentTitle } from '../ui/DocumentTitle';
import { NotFoundPage } from '../ui/NotFoundPage';

// Typed by the navigation's paths: a section added to the navigation without a page does not compile.
const pages: Readonly<Record<NavPath, ReactElement>> = {
  '/my-projects': <MyProjectsPage />,
  '/projects': <ProjectsPage />,
  '/audit-log': <AuditLogPage />,
  '/members': <MembersPage />,
  '/datasets': <DatasetsPage />,
  '/workspaces': <WorkspacesPage />,
  '/posture': <PosturePage />,
  '/outputs': <OutputsPage />,
  '/reviews': <ReviewsPage />,
  '/exports': <ProjectExportsPage />,
  '/dev-mailbox': <DevMailboxPage />,
};

/** Only the sections in the user's navigation exist for them; anything else is a 404. */
export function SignedInRoutes({ navItems }: { navItems: readonly NavItemDefinition[] }) {
  return (
    <Routes>
      <Route index element={<><DocumentTitle title="Home" /><RoleLanding /></>} />
      {navItems.map((item) => (
        <Route key={item.path} path={`${item.path}/*`} element={<><DocumentTitle title={item.label} />{pages[item.path]}</>} />
      ))}
      <Route path="*" element={<><DocumentTitle title="Page not found" /><NotFoundPage /></>} />
    </Routes>
  );
}
