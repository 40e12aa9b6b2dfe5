import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import { createFanoutStore } from './state/store';
import { App } from './ui/app/App';
import { loadThemeChoice } from './ui/app/theme';
import { StoreContext } from './ui/store-context';
import './ui/app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const store = createFanoutStore();
store.getState().setSession({ theme: loadThemeChoice() });
createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <ReactFlowProvider>
        <App />
      </ReactFlowProvider>
    </StoreContext.Provider>
  </StrictMode>,
);
