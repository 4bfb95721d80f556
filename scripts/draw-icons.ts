import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from './icons.js';

/** Redraws manifest/color.png and manifest/outline.png after a change to scripts/icons.ts. */
writeFileSync('manifest/color.png', PNG.sync.write(drawColorIcon()));
writeFileSync('manifest/outline.png', PNG.sync.write(drawOutlineIcon()));
