import { Route, Routes } from 'react-router';
import { Shell } from '../components/Shell.tsx';
import { AccountProfilePage } from '../features/accounts/AccountProfilePage.tsx';
import { AccountsPage } from '../features/accounts/AccountsPage.tsx';
import { AddAccountPage } from '../features/accounts/AddAccountPage.tsx';
import { EditAccountPage } from '../features/accounts/EditAccountPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { ImportDetailPage } from '../features/imports/ImportDetailPage.tsx';
import { ImportsPage } from '../features/imports/ImportsPage.tsx';
import { NewImportPage } from '../features/imports/NewImportPage.tsx';
import { MailMessagePage } from '../features/mail/MailMessagePage.tsx';
import { MailPage } from '../features/mail/MailPage.tsx';
import { NotFoundPage } from '../features/NotFoundPage.tsx';
import { EmailTemplatePage } from '../features/settings/EmailTemplatePage.tsx';
import { ImportTemplatePage } from '../features/import-templates/ImportTemplatePage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { OrganizationsPage } from '../features/organizations/OrganizationsPage.tsx';

import { GroupsPage } from '../features/groups/GroupsPage.tsx';
import { InvitationsPage } from '../features/invitations/InvitationsPage.tsx';
import { CoursesPage } from '../features/enrollment/CoursesPage.tsx';
import { LearningPathsPage } from '../features/enrollment/LearningPathsPage.tsx';
import { SectionPage } from '../features/enrollment/SectionPage.tsx';
import { RequestPage } from '../features/requests/RequestPage.tsx';
import { RequestsPage } from '../features/requests/RequestsPage.tsx';
import { ScimPage } from '../features/scim/ScimPage.tsx';
import { MyAccountPage, TokensPage } from '../features/me/MyAccountPage.tsx';
import { BulkActionPage } from '../features/bulk/BulkActionPage.tsx';
import { SeatsPage } from '../features/seats/SeatsPage.tsx';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<HomePage />} />
        <Route path="accounts" element={<AccountsPage />} />
        <Route path="accounts/new" element={<AddAccountPage />} />
        <Route path="accounts/:id" element={<AccountProfilePage />} />
        <Route path="accounts/:id/edit" element={<EditAccountPage />} />
        <Route path="organizations" element={<OrganizationsPage />} />
        <Route path="imports" element={<ImportsPage />} />
        <Route path="imports/new" element={<NewImportPage />} />
        <Route path="imports/:id" element={<ImportDetailPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="mail" element={<MailPage />} />
        <Route path="mail/:id" element={<MailMessagePage />} />
        <Route path="invitations" element={<InvitationsPage />} />
        <Route path="groups" element={<GroupsPage />} />
        <Route path="courses" element={<CoursesPage />} />
        <Route path="sections/:id" element={<SectionPage />} />
        <Route path="learning-paths" element={<LearningPathsPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="settings/email-templates/:key" element={<EmailTemplatePage />} />
        <Route path="settings/import-templates/:key" element={<ImportTemplatePage />} />
        <Route path="requests" element={<RequestsPage />} />
        <Route path="requests/:id" element={<RequestPage />} />
        <Route path="settings/scim" element={<ScimPage />} />
        <Route path="me" element={<MyAccountPage />} />
        <Route path="me/tokens" element={<TokensPage />} />
        <Route path="bulk-actions/:id" element={<BulkActionPage />} />
        <Route path="seats" element={<SeatsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
