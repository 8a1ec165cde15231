/**
 * The window's entry: mounts the app over the preload's API, or explains why it cannot.
 */
// First: the shared schemas the window imports are built after this (see the file).
import './zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.js';
import { MissingBridge } from './app/missing-bridge.js';
import { createApi } from './ipc/api.js';
import { ApiProvider } from './ipc/api-context.js';
import { findDelegateBridge } from './ipc/delegate-bridge.js';

export function mount(container: HTMLElement): void {
  const bridge = findDelegateBridge();
  createRoot(container).render(
    <StrictMode>
      {bridge ? (
        <ApiProvider api={createApi(bridge)}>
          <App />
        </ApiProvider>
      ) : (
        <MissingBridge />
      )}
    </StrictMode>,
  );
}
