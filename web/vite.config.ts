import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const target = process.env.BAIMO_API ?? 'http://127.0.0.1:4000';

/**
 * echarts-for-react imports `tslib` without declaring it; npm nests tslib under echarts, so resolve it
 * from there (the ESM build) when it is not installed at the top level.
 */
function tslibAlias(): Record<string, string> {
  try {
    createRequire(join(root, 'package.json')).resolve('tslib');
    return {};
  } catch {
    for (const owner of ['echarts', 'zrender']) {
      const file = join(root, '..', 'node_modules', owner, 'node_modules', 'tslib', 'tslib.es6.js');
      if (existsSync(file)) return { tslib: file };
    }
    return {};
  }
}

/** Charts stay out of the vendor chunk: only the (lazy) overview page imports them. */
const CHARTS = /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/;

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: { alias: tslibAlias() },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // React, Ant Design, router, query and their helpers: one long-cached vendor chunk.
              name: (id: string) => (id.includes('node_modules') && !CHARTS.test(id) ? 'vendor' : null),
              priority: 10,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target, changeOrigin: false },
      '/v1': { target, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target },
      '/v1': { target },
    },
  },
});
