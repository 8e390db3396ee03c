import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { ProjectDetailPage } from './ProjectDetailPage';
import { ProjectSettingsPage } from './ProjectSettingsPage';
import { ProjectsListPage } from './ProjectsListPage';

/** `/projects/*`: the list, one project, and its settings. */
export function ProjectsPage() {
  return (
    <Routes>
      <Route index element={<ProjectsListPage />} />
      <Route path=":projectId" element={<ProjectDetailPage />} />
      <Route path=":projectId/settings" element={<ProjectSettingsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
