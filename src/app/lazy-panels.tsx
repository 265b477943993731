import { lazy } from 'react';

/*
 * The panels the first view of the map does not need, each in a chunk of its own: the initial
 * script is smaller, and the page mounts the map in one task and each panel in a later one, so no
 * single task builds the whole page (the benchmark's longest main-thread task while loading).
 * Use inside <Suspense fallback={null}>.
 */
export const FilterPanel = lazy(() => import('../ui/FilterPanel').then((m) => ({ default: m.FilterPanel })));
export const IncidentList = lazy(() => import('../ui/IncidentList').then((m) => ({ default: m.IncidentList })));
export const ExportPanel = lazy(() => import('../ui/ExportPanel').then((m) => ({ default: m.ExportPanel })));
export const Timeline = lazy(() => import('../ui/Timeline').then((m) => ({ default: m.Timeline })));
export const AboutDataset = lazy(() => import('../ui/AboutDataset').then((m) => ({ default: m.AboutDataset })));
