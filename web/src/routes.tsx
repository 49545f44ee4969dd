/**
 * The route table. Every page is its own chunk (React.lazy), so the portal's first load carries the
 * shell and nothing else; a page's code arrives when it is first opened.
 *
 * To add a page: create `pages/<section>/<Name>Page.tsx` with a default export, add a lazy import
 * and a child route below, and a link in shell/SiteHeader.tsx's NAVIGATION if it is a section.
 *
 * The staff console (/console) will be a sibling of the portal's shell: its own layout and pages, lazy
 * as a whole, so none of its code is in the portal's chunks.
 */
import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { PageError } from './shell/PageError.tsx';
import { Shell } from './shell/Shell.tsx';

const HomePage = lazy(() => import('./pages/home/HomePage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));
const LoginPage = lazy(() => import('./pages/auth/LoginPage.tsx'));
const RegisterPage = lazy(() => import('./pages/auth/RegisterPage.tsx'));
const MeLayout = lazy(() => import('./pages/me/MeLayout.tsx'));
const MyCreditPage = lazy(() => import('./pages/me/MyCreditPage.tsx'));
const ConsentsPage = lazy(() => import('./pages/me/ConsentsPage.tsx'));
const ConsentReadsPage = lazy(() => import('./pages/me/ConsentReadsPage.tsx'));
const ObjectionsPage = lazy(() => import('./pages/me/ObjectionsPage.tsx'));
const NewObjectionPage = lazy(() => import('./pages/me/NewObjectionPage.tsx'));
const ObjectionPage = lazy(() => import('./pages/me/ObjectionPage.tsx'));
const RepairsPage = lazy(() => import('./pages/me/RepairsPage.tsx'));
const NewRepairPage = lazy(() => import('./pages/me/NewRepairPage.tsx'));
const RepairPage = lazy(() => import('./pages/me/RepairPage.tsx'));
const ReceivedConsentsPage = lazy(() => import('./pages/me/ReceivedConsentsPage.tsx'));
const InboxPage = lazy(() => import('./pages/me/InboxPage.tsx'));
const SearchPage = lazy(() => import('./pages/search/SearchPage.tsx'));
const SubjectPage = lazy(() => import('./pages/subjects/SubjectPage.tsx'));
const PersonPage = lazy(() => import('./pages/subjects/PersonPage.tsx'));
const ListsPage = lazy(() => import('./pages/lists/ListsPage.tsx'));
const RepairNoticesPage = lazy(() => import('./pages/repair-notices/RepairNoticesPage.tsx'));
const PolicyPage = lazy(() => import('./pages/policy/PolicyPage.tsx'));
const VerifyPage = lazy(() => import('./pages/verify/VerifyPage.tsx'));

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Shell />,
    children: [
      {
        // a page that fails is shown inside the shell
        errorElement: <PageError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'login', element: <LoginPage /> },
          { path: 'register', element: <RegisterPage /> },
          // the subject's own pages: signed in as a subject, or sent to /login?next=…
          {
            path: 'me',
            element: <MeLayout />,
            children: [
              { index: true, element: <MyCreditPage /> },
              { path: 'consents', element: <ConsentsPage /> },
              { path: 'consents/received', element: <ReceivedConsentsPage /> },
              { path: 'consents/:id', element: <ConsentReadsPage /> },
              { path: 'objections', element: <ObjectionsPage /> },
              { path: 'objections/new', element: <NewObjectionPage /> },
              { path: 'objections/:id', element: <ObjectionPage /> },
              { path: 'repairs', element: <RepairsPage /> },
              { path: 'repairs/new', element: <NewRepairPage /> },
              { path: 'repairs/:id', element: <RepairPage /> },
              { path: 'inbox', element: <InboxPage /> },
            ],
          },
          // the public portal
          { path: 'search', element: <SearchPage /> },
          { path: 'subjects/:code', element: <SubjectPage /> },
          { path: 'persons/:handle', element: <PersonPage /> },
          { path: 'lists', element: <ListsPage /> },
          { path: 'lists/:list', element: <ListsPage /> },
          { path: 'repair-notices', element: <RepairNoticesPage /> },
          { path: 'policy', element: <PolicyPage /> },
          { path: 'verify', element: <VerifyPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
