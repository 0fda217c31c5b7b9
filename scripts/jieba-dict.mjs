#!/usr/bin/env node
// Part of `npm run build`: writes jieba's dictionary, filtered as src/store/search.ts filters it,
// beside the built search module, so that workers and `jixiao search` read 1.5 MB instead of
// reading 5 MB and filtering it every time they start.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BUILT_DICTIONARY, filteredDictionary } from "../dist/store/search.js";

const out = fileURLToPath(new URL(`../dist/store/${BUILT_DICTIONARY}`, import.meta.url));
writeFileSync(out, filteredDictionary());
