// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** One shape for every command: {@code -V} prints the build's version; every help text is whole. */
class CliShapeTest {
  /** Every command path, the launcher's own included (empty), but not {@code help}. */
  static List<List<String>> commands() {
    List<List<String>> paths = new ArrayList<>();
    collect(new CommandLine(new Main()), new ArrayList<>(), paths);
    return paths;
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    paths.add(List.copyOf(path));
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (!sub.getKey().equals("help")) {
        List<String> next = new ArrayList<>(path);
        next.add(sub.getKey());
        collect(sub.getValue(), next, paths);
      }
    }
  }

  private static CommandSpec spec(List<String> path) {
    CommandLine command = new CommandLine(new Main());
    for (String name : path) {
      command = command.getSubcommands().get(name);
    }
    return command.getCommandSpec();
  }

  static String[] with(List<String> path, String flag) {
    List<String> args = new ArrayList<>(path);
    args.add(flag);
    return args.toArray(String[]::new);
  }

  @Test
  void everyCommand_dashV_printsTheVersionMavenBuilt() {
    String version = System.getProperty("hotline.version");
    assertTrue(version != null && !version.isBlank(), "surefire passes hotline.version");
    List<List<String>> commands = commands();
    assertTrue(commands.size() >= 15, "commands: " + commands);
    for (List<String> path : commands) {
      for (String flag : List.of("-V", "--version")) {
        CliRun run = CliRun.of(with(path, flag));
        assertEquals(0, run.exit(), path + " " + flag + ": " + run.err());
        assertEquals("hotline-relay " + version + "\n", run.out(), path + " " + flag);
      }
    }
  }

  /** A subcommand's summary in its parent's list is its description's first line: a whole sentence. */
  @Test
  void everySubcommandSummary_isAWholeSentence() {
    Pattern entry = Pattern.compile("^  (\\S+)\\s{2,}(.+)$");
    for (List<String> path : commands()) {
      String help = CliRun.of(with(path, "--help")).out();
      int at = help.indexOf("\nCommands:\n");
      if (at < 0) {
        continue;
      }
      List<String> summaries = new ArrayList<>();
      for (String line : help.substring(at + "\nCommands:\n".length()).split("\n")) {
        Matcher m = entry.matcher(line);
        if (m.matches()) {
          summaries.add(m.group(2).strip());
        } else if (line.startsWith("    ") && !summaries.isEmpty()) {
          int last = summaries.size() - 1;
          summaries.set(last, summaries.get(last) + " " + line.strip());
        } else if (line.isBlank() || !line.startsWith(" ")) {
          break;
        }
      }
      assertFalse(summaries.isEmpty(), path + ":\n" + help);
      for (String summary : summaries) {
        assertTrue(summary.endsWith("."), path + " lists a cut summary: " + summary);
      }
    }
  }

  /**
   * picocli prints each element of a command's text from the start of a line and wraps it at the
   * usage width: an element is a whole paragraph (ending a sentence, a list item or an
   * introduction), or a hand-wrapped line short enough to print as it is. Otherwise the text
   * breaks mid-sentence ("…each file's digest,\nwhere every form posts…").
   */
  @Test
  void everyDescriptionElement_isAWholeParagraphOrFitsOnItsLine() {
    List<String> cut = new ArrayList<>();
    for (List<String> path : commands()) {
      CommandSpec spec = spec(path);
      int width = spec.usageMessage().width();
      List<String> text = new ArrayList<>(List.of(spec.usageMessage().header()));
      text.addAll(List.of(spec.usageMessage().description()));
      text.addAll(List.of(spec.usageMessage().footer()));
      for (String element : text) {
        String line = element.replace("%n", "").strip();
        if (!line.isEmpty() && !PARAGRAPH_END.matcher(line).find() && element.length() > width) {
          cut.add(path + ": " + line);
        }
      }
      for (OptionSpec option : spec.options()) {
        for (String element : option.description()) {
          if (!PARAGRAPH_END.matcher(element.strip()).find()) {
            cut.add(path + " " + option.longestName() + ": " + element);
          }
        }
      }
    }
    assertEquals(List.of(), cut, "text that picocli wraps and then breaks mid-sentence");
  }

  private static final Pattern PARAGRAPH_END = Pattern.compile("[.:;!?)]$");

  /** {@code -h} and {@code -V} read the same in every command's help. */
  @Test
  void everyCommand_describesHelpAndVersionAlike() {
    CommandSpec launcher = new CommandLine(new Main()).getCommandSpec();
    List<String> expected = List.of(String.join(" ", launcher.findOption("--help").description()),
        String.join(" ", launcher.findOption("--version").description()));
    for (List<String> path : commands()) {
      CommandSpec spec = spec(path);
      assertEquals(expected, List.of(String.join(" ", spec.findOption("--help").description()),
          String.join(" ", spec.findOption("--version").description())), path.toString());
    }
  }

  /** Wrapping never splits a word at a dot ("index.\nhtml", "an .\nonion"). */
  @Test
  void everyHelpText_wrapsBetweenWordsOnly() {
    // A continuation starts a line at column 0 (a description) or indented 4+ (a wrapped entry);
    // the next command in a list starts at column 2.
    Pattern splitAtDot = Pattern.compile("\\S\\.\\n( {4,})?[a-z]|\\s\\.\\n");
    for (List<String> path : commands()) {
      CliRun run = CliRun.of(with(path, "--help"));
      assertEquals(0, run.exit(), path + ": " + run.err());
      Matcher m = splitAtDot.matcher(run.out());
      if (m.find()) {
        fail(path + " --help splits a word: …"
            + run.out().substring(Math.max(0, m.start() - 30), Math.min(run.out().length(), m.end() + 10)));
      }
    }
  }
}
