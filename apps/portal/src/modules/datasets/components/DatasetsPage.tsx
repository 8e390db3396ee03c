import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { DatasetDetailPage } from './DatasetDetailPage';
import { DatasetListPage } from './DatasetListPage';

/** `/datasets/*`: a project's datasets, and one dataset with its versions. */
export function DatasetsPage() {
  return (
    <Routes>
      <Route index element={<DatasetListPage />} />
      <Route path=":projectId/:datasetId" element={<DatasetDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
