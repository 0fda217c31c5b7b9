/**
 * The commands and their options (commander). A command's module loads when the command runs:
 * `jixiao import` starts its workers without first loading the readers, and `--help` stays instant.
 * Exit codes: 0 all good, 1 some files failed, 2 bad usage or database error.
 */
import { Command, CommanderError, Option } from "commander";
import { oneLine, UsageError } from "../errors.js";
import { EXTRACTOR_VERSION, PACKAGE_VERSION } from "../version.js";
import { err } from "./output.js";

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name("jixiao")
    .description("Read Chinese government performance self-evaluation reports (绩效自评报告) into structured records with evidence.")
    .version(`${PACKAGE_VERSION} (extractor ${EXTRACTOR_VERSION})`)
    .showHelpAfterError()
    .exitOverride();
  program
    .command("extract")
    .description("extract fields from report files and print one record per document")
    .argument("<files...>", "report files (.txt .docx .pdf .doc .html), detected by content")
    .option("--jsonl", "one JSON object per line: {file, sha256, format, fields, flags, indicators}")
    .option(
      "--explain [field]",
      "list every candidate of every field (or one field): its source, rule and score, the one chosen, and the matches guards rejected",
    )
    .action(async (files: string[], o) => setExit(await (await import("./extract.js")).cmdExtract(files, o)));
  program
    .command("text")
    .description("print the clean text of a report as jixiao reads it (evidence offsets point into it)")
    .argument("<file>", "report file")
    .option("--json", "print the block model (paragraphs, tables, pages) as JSON")
    .action(async (file: string, o) => setExit(await (await import("./extract.js")).cmdText(file, o)));
  program
    .command("import")
    .description("read files or folders (recursively), or downloads, into a SQLite database; unchanged files are skipped")
    .argument("[paths...]", "files or folders")
    .requiredOption("--db <file>", "SQLite database file (created if missing)")
    .option("--urls <list>", "also download the URLs in this file (one per line, optional tab-separated metadata)")
    .option("--archive <dir>", "where downloads are kept, by content hash (default: jixiao-archive beside the database)")
    .option("--json", "one JSON object per file: {file, status, error?}")
    .option("--force", "re-read files even when their content is already stored")
    .option("--workers <n>", "parallel reader threads (default: the number of cores; at most 4 per core)")
    .option("--timeout <seconds>", "give up on a file (or a download) after this long (default 120; downloads 30)")
    .option("--max-mb <n>", "refuse files and downloads larger than this (default 200 MB for files, 100 MB for downloads)")
    .option(
      "--busy-timeout <seconds>",
      "how long a write waits for another program's lock on the database before the import stops (default 10)",
    )
    .option("--max-heap-mb <n>", "memory limit of each reader thread's heap (default 1024); a file that needs more fails alone")
    .option("--follow-links", "inside folders, also read what symbolic links point to (each folder once)")
    .option("--no-progress", "no progress bar even on a terminal")
    .action(async (paths: string[], o: import("./import.js").ImportOpts) =>
      setExit(await (await import("./import.js")).cmdImport(paths, o)),
    );
  program
    .command("export")
    .description(
      "write the documents as CSV (one row each, UTF-8 with BOM, for Excel), JSONL with evidence, or the score-table rows as CSV",
    )
    .requiredOption("--db <file>", "SQLite database file")
    .option("--csv <file>", "one row per document; - for standard output")
    .option("--jsonl <file>", "one JSON object per document with every value's evidence")
    .option("--indicators <file>", "the score-table (自评表) rows as CSV")
    .option("--lines <file>", "every line of the budget tables (预算/决算 表) as CSV, one row per line × column")
    .addOption(new Option("--lang <lang>", "column headers").choices(["en", "zh"]).default("en"))
    .action(async (o) => setExit(await (await import("./query.js")).cmdExport(o)));
  program
    .command("query")
    .description("documents matching filters")
    .requiredOption("--db <file>", "SQLite database file")
    .option("--year <year>", "fiscal year")
    .option("--province <name>", "province (or municipality), e.g. 广东 or 上海市")
    .option("--unit-like <text>", "unit name contains")
    .option("--grade <grade>", "优, 良, 中 or 差")
    .option("--min-score <n>", "self-evaluation score at least")
    .option("--max-score <n>", "self-evaluation score at most")
    .option("--flag <code>", "has a flag with this code, e.g. unit_corrected")
    .option("--kind <kind>", "document kind: 自评报告, 决算, 预算, 其他")
    .addOption(new Option("--format <format>", "output").choices(["table", "csv", "jsonl"]).default("table"))
    .action(async (o: import("./query.js").QueryOpts) => setExit(await (await import("./query.js")).cmdQuery(o)));
  program
    .command("show")
    .description("one document's fields with their evidence")
    .argument("<doc>", "id, SHA-256 (prefix of 8+), path or file name")
    .requiredOption("--db <file>", "SQLite database file")
    .option("--json", "as JSON")
    .action(async (ref: string, o) => setExit(await (await import("./query.js")).cmdShow(ref, o)));
  program
    .command("lines")
    .description(
      "one document's budget tables (收支总表, 支出表 by function, 基本支出 by economic class, 三公 …) line by line, with their checks",
    )
    .argument("<doc>", "id, SHA-256 (prefix of 8+), path or file name")
    .requiredOption("--db <file>", "SQLite database file")
    .option("--failed", "only the checks that failed")
    .option("--json", "as JSON")
    .action(async (ref: string, o) => setExit(await (await import("./query.js")).cmdLines(ref, o)));
  program
    .command("search")
    .description("full-text search of the report texts (Chinese words, two characters and up)")
    .argument("<query>", 'words, e.g. "三公经费 超支"')
    .requiredOption("--db <file>", "SQLite database file")
    .option("--limit <n>", "at most this many documents", "20")
    .option("--json", "one JSON object per hit")
    .action(async (q: string, o) => setExit(await (await import("./query.js")).cmdSearch(q, o)));
  program
    .command("reextract")
    .description("re-run extraction on stored documents read by another extractor version (no files needed)")
    .requiredOption("--db <file>", "SQLite database file")
    .option("--all", "every document, whatever its extractor version")
    .action(async (o) => setExit(await (await import("./query.js")).cmdReextract(o)));
  program
    .command("serve")
    .description("the review pages in a browser: documents with filters, each value beside its evidence, accept/correct/reject")
    .requiredOption("--db <file>", "SQLite database file")
    .option("--port <n>", "TCP port (0: any free one)", "8080")
    .option("--host <address>", "address to listen on (only this machine by default)", "127.0.0.1")
    .option("--read-only", "show, but take no reviews (the database is opened read-only)")
    .option("--user <name>", "the reviewer's name recorded with each review (default: the user's name)")
    .option("--token <secret>", "an access token every request must carry (required with a --host other than this machine's loopback)")
    .action(async (o) => setExit(await (await import("./review.js")).cmdServe(o)));
  program
    .command("review")
    .description(
      "accept, correct or reject one extracted value (kept apart from extraction, never overwritten), or export every reviewed value as gold JSONL",
    )
    .argument("[doc]", "document: id, SHA-256 prefix, path or file name")
    .argument("[field]", "field name (see the field table)")
    .requiredOption("--db <file>", "SQLite database file")
    .option(
      "--set <value>",
      "the right value, as written in a report (1,956.58万元, 96.8%, 2024年3月1日, 优秀): normalised like an extracted one",
    )
    .option("--accept", "the extracted value is right")
    .option("--reject", "there is no such value in the report: no value")
    .option("--undo", "take back the latest review of the field")
    .option("--note <text>", "why")
    .option("--reviewer <name>", "who (default: the user's name)")
    .option("--export-gold <file>", "write every reviewed value as gold JSONL for ../shared/eval/score.mjs (- for standard output)")
    .option("--orphans", "list the reviews made against versions of documents that have since been replaced or removed")
    .action(async (doc: string | undefined, field: string | undefined, o: import("./review.js").ReviewOpts) =>
      setExit(await (await import("./review.js")).cmdReview(doc, field, o)),
    );
  program
    .command("list")
    .description("print a summary table of the documents in a database")
    .requiredOption("--db <file>", "SQLite database file")
    .action(async (o) => setExit(await (await import("./query.js")).cmdList(o)));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `jixiao … | head`: a closed pipe ends the output quietly
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      err(`jixiao: ${e.message}`);
      return 2;
    }
    err(`jixiao: ${oneLine(e)}`);
    return 2;
  }
  return code;
}
