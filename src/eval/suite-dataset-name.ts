import { basename, extname } from 'node:path';
import { DATASET_NAME } from './dataset-name.js';

/** `text` as a stored dataset's name: runs of other characters become `-`, the ends trimmed, 100 at most; '' when nothing is left. */
function asDatasetName(text: string): string {
  const name = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return DATASET_NAME.test(name) ? name : '';
}

/**
 * The name under which `baimo eval run` stores the file or folder a suite names as its dataset: the
 * suite's `name` (what the data is for: re-running the suite on unchanged files reuses the stored
 * version, changed files make the next version of the same dataset, so each run shows which version
 * it used). A suite name that is no valid dataset name is made one (`ceval 5-shot` → `ceval-5-shot`);
 * when nothing of it is left (a name all in Chinese, say), the file's or folder's own name without its
 * extension is used the same way, and `dataset` as the last resort.
 */
export function suiteDatasetName(suiteName: string, datasetPath: string): string {
  const file = basename(datasetPath);
  return asDatasetName(suiteName) || asDatasetName(file.slice(0, file.length - extname(file).length)) || 'dataset';
}
