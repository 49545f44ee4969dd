import ExcelJS from 'exceljs';
import { xlsxRows } from './src/modules/intake-files/xlsx-rows.ts';
import { buildTemplate } from './src/modules/catalog/index.ts';
import { uploadTestApp } from './src/modules/intake-files/test-support.ts';
import { catalogRepository } from './src/modules/catalog/index.ts';
import { openScratchStore } from './src/platform/db/scratch.ts';
