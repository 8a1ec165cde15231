/**
 * What the page shows when it was opened without Delegate's preload: a plain explanation, not a crash.
 */
export function MissingBridge() {
  return (
    <main className="missing-bridge">
      <div className="missing-bridge-card">
        <h1>Delegate's window must be opened by the Delegate app</h1>
        <p>This page talks to Delegate through the app itself, so it cannot work in a browser tab or on its own.</p>
        <p>Open Delegate from the tray icon (or start it from your applications), then choose “Open Delegate”.</p>
      </div>
    </main>
  );
}
