import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'leaflet/dist/leaflet.css';
import './app/styles.css';
import { App } from './app/App';
import { prepareDatasetWorker } from './worker/dataset-client';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// A page opens a dataset at once (a link's, or the built-in one): its worker starts with the page.
prepareDatasetWorker();
createRoot(root).render(<StrictMode><App /></StrictMode>);
