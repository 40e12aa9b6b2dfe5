import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is static: `npm run build` writes dist/, served by `npm start` in development mode.
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: false, host: '127.0.0.1' },
  preview: { port: 4173, strictPort: true, host: '127.0.0.1' },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
});
