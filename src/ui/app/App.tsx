/** The application shell: header and the canvas area (filled by the editor). */
export function App() {
  return (
    <div className="app">
      <header className="app-header" role="banner">
        <h1 className="app-title">Fanout</h1>
        <span className="app-tagline">design and simulate event-driven architectures</span>
      </header>
      <main className="app-main" aria-label="Canvas area" data-testid="canvas-area" />
    </div>
  );
}
