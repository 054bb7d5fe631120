package io.eipfailover.examples.agent.importer;

import java.util.List;

/**
 * An import's outcome: the configuration to write, the report, and the header naming the inputs.
 *
 * @param draft the configuration ({@code membership.key-file} not yet set: the command chooses the file)
 * @param report what was mapped and what not
 * @param header lines for the top of the written file
 */
record ImportResult(Draft draft, ImportReport report, List<String> header) {
  ImportResult {
    header = List.copyOf(header);
  }
}
