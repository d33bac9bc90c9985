package org.imaginglake.spark.cli;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
    description = {"Run Spark SQL on the lake. Every table is a view of the same name, e.g.",
        "  query \"SELECT modality, count(*) FROM dicom_instances GROUP BY modality\""})
final class QueryCommand implements Callable<Integer> {
  enum Format { csv, json, table }

  @Mixin
  GlobalOptions global;

  @Option(names = "--format", defaultValue = "table",
      description = "Output: csv (header row, RFC 4180), json (one object per line) or table. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--limit", defaultValue = "100",
      description = "Rows shown with --format table (csv and json stream every row). Default: ${DEFAULT-VALUE}.")
  int limit;

  @Parameters(index = "0", paramLabel = "SQL", description = "The query.")
  String sql;

  @Override
  public Integer call() {
    try (CommandContext ctx = new CommandContext(global, System.out, System.err)) {
      List<String> tables = ctx.lake().registerViews();
      if (tables.isEmpty()) {
        ctx.err.println("note: the lake at " + ctx.lake().root() + " has no tables yet; run ingest-dicom first");
      }
      Dataset<Row> result = ctx.spark().sql(sql);
      switch (format) {
        case csv -> writeCsv(result, ctx.out);
        case json -> result.toJSON().toLocalIterator().forEachRemaining(ctx.out::println);
        case table -> result.show(limit, 80);
      }
      ctx.out.flush();
      return 0;
    }
  }

  /** Streams the result as CSV: the driver holds one partition at a time, never the whole result. */
  static void writeCsv(Dataset<Row> result, PrintStream out) {
    String[] cols = result.columns();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cols.length; i++) {
      line.append(i == 0 ? "" : ",").append(csvField(cols[i]));
    }
    out.println(line);
    Iterator<Row> it = result.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      line.setLength(0);
      for (int i = 0; i < cols.length; i++) {
        line.append(i == 0 ? "" : ",");
        Object v = r.get(i);
        if (v != null) {
          line.append(csvField(r.schema().fields()[i].dataType() instanceof ArrayType
              ? String.join(";", r.getList(i).stream().map(String::valueOf).toList())
              : String.valueOf(v)));
        }
      }
      out.println(line);
    }
  }

  static String csvField(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
