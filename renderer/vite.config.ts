// The renderer build: one bundle for the browser (certdesk serve) and for Electron's custom protocol,
// hence the relative base. Pure service modules (ID checks, score rules) are bundled from ../services.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    reportCompressedSize: false,
    sourcemap: false,
  },
  server: { fs: { allow: [path.join(here, '..')] } },
});
