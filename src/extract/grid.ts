/** A table as a grid of strings: the shape every table reader (score tables, field tables, validation) works on. */
import type { Table } from "../model.js";

/** Expands a table with spans into a full grid; a spanned cell repeats its text. */
export function gridOf(t: Table): string[][] {
  const grid: string[][] = [];
  t.rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r][c] !== undefined) c++;
      for (let dr = 0; dr < cell.rowspan; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < cell.colspan; dc++) grid[r + dr][c + dc] = cell.text;
      }
      c += cell.colspan;
    }
  });
  const width = Math.max(0, ...grid.map((g) => g.length));
  return grid.map((g) => Array.from({ length: width }, (_, i) => g[i] ?? ""));
}
