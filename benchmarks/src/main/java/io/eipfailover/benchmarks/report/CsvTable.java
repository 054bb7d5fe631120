package io.eipfailover.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read into rows keyed by the header's column names; double quotes protect commas.
 * Enough for the files the harness and the JMH runner write. Immutable.
 */
final class CsvTable {
  private final List<Map<String, String>> rows;

  private CsvTable(List<Map<String, String>> rows) {
    this.rows = rows;
  }

  /** Reads {@code file}; a missing file reads as an empty table. */
  static CsvTable read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return new CsvTable(List.of());
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return new CsvTable(List.of());
    }
    List<String> header = split(lines.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = split(line);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), i < cells.size() ? cells.get(i) : "");
      }
      rows.add(row);
    }
    return new CsvTable(List.copyOf(rows));
  }

  static List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  List<Map<String, String>> rows() {
    return rows;
  }
}
