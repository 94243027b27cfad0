// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotlinerelay.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's tables stay true: for every command, the table after
 * {@code <!-- config-table: CMD[, CMD…] -->} lists exactly the options {@code CMD --help} shows,
 * each with the same {@code HOTLINE_RELAY_*} variable(s) and the same default. Adding, removing
 * or changing the default of a flag without the reference fails here.
 */
class ConfigTableTest {
  /** The document that holds the tables. */
  static final String REFERENCE = "docs/configuration.md";

  /** Every command whose options the reference must table. */
  private static final List<String> COMMANDS = List.of(
      "relay", "intake", "inbox list", "inbox show", "inbox export", "inbox serve", "inbox audit verify",
      "keys generate", "keys rotate", "keys public", "keys fingerprint", "keys relay-signing",
      "site build", "site check", "demo");

  private static final Pattern OPTION_START = Pattern.compile("^\\s+(?:-[A-Za-z], )?(--[a-z0-9][a-z0-9-]*)(\\S*)\\s*(.*)$");
  private static final Pattern POSITIONAL_START = Pattern.compile("^\\s{2,}[A-Z][A-Za-z0-9]*\\s{2,}\\S.*$");
  private static final Pattern ENV = Pattern.compile("HOTLINE_RELAY_[A-Z0-9_]*[A-Z0-9]");
  private static final Pattern INLINE_DEFAULT = Pattern.compile("[(,]\\s*default: ([^)]*)\\)\\.$");
  private static final Pattern REQUIRED = Pattern.compile("; required \\([^)]*\\)\\.$");
  private static final Pattern MARKER = Pattern.compile("^<!-- config-table: (.+?) -->$");

  /** What --help or the reference says about one option. */
  record Setting(Set<String> env, String defaultValue) {}

  @BeforeAll
  static void noHotlineRelayVariablesSet() {
    // The relay's --help shows the value of a set variable as the default.
    List<String> set = System.getenv().keySet().stream().filter(k -> k.startsWith("HOTLINE_RELAY_")).toList();
    assertTrue(set.isEmpty(), "unset " + set + ": --help shows a set variable's value as the default");
  }

  static String help(String command) {
    String previous = System.setProperty("picocli.usage.width", "200");
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.add("--help");
      int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
      assertEquals(0, code, command + " --help failed: " + err);
      return out.toString();
    } finally {
      if (previous == null) {
        System.clearProperty("picocli.usage.width");
      } else {
        System.setProperty("picocli.usage.width", previous);
      }
    }
  }

  /** Every option of a --help text but --help and --version, with its variables and default. */
  static Map<String, Setting> helpOptions(String help) {
    Map<String, StringBuilder> blocks = new LinkedHashMap<>();
    StringBuilder current = null;
    for (String line : help.split("\\R")) {
      Matcher option = OPTION_START.matcher(line);
      if (option.matches()) {
        current = new StringBuilder(option.group(3).strip());
        blocks.put(option.group(1), current);
      } else if (line.isBlank() || !Character.isWhitespace(line.charAt(0)) || POSITIONAL_START.matcher(line).matches()) {
        current = null;
      } else if (current != null) {
        current.append(' ').append(line.strip());
      }
    }
    blocks.remove("--help");
    blocks.remove("--version");
    Map<String, Setting> options = new LinkedHashMap<>();
    blocks.forEach((name, text) -> options.put(name, new Setting(variables(text.toString()), defaultOf(text.toString().strip()))));
    return options;
  }

  static String defaultOf(String description) {
    Matcher inline = INLINE_DEFAULT.matcher(description);
    if (inline.find()) {
      return inline.group(1).strip();
    }
    return REQUIRED.matcher(description).find() ? "required" : "—";
  }

  static Set<String> variables(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = ENV.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  /** The reference's table for a command: flag → setting, from the table whose marker names it. */
  static Map<String, Setting> readmeOptions(List<String> readme, String command) {
    for (int i = 0; i < readme.size(); i++) {
      Matcher marker = MARKER.matcher(readme.get(i).strip());
      if (!marker.matches() || !List.of(marker.group(1).split(",\\s*")).contains(command)) {
        continue;
      }
      int row = i + 1;
      while (readme.get(row).isBlank()) {
        row++;
      }
      List<String> header = cells(readme.get(row)).stream().map(String::toLowerCase).toList();
      int flag = header.indexOf("flag");
      int env = header.indexOf("environment variable");
      int dflt = header.indexOf("default");
      int commands = header.indexOf("commands");
      assertTrue(flag >= 0 && env >= 0 && dflt >= 0, "table for " + command + " needs flag, environment variable and default columns");
      Map<String, Setting> options = new LinkedHashMap<>();
      String sub = command.substring(command.lastIndexOf(' ') + 1);
      for (row += 2; row < readme.size() && readme.get(row).startsWith("|"); row++) {
        List<String> c = cells(readme.get(row));
        if (commands >= 0 && !List.of(c.get(commands).replace("`", "").split(",\\s*")).contains(sub)) {
          continue;
        }
        Matcher name = Pattern.compile("--[a-z0-9][a-z0-9-]*").matcher(c.get(flag));
        assertTrue(name.find(), "no flag in the reference row: " + readme.get(row));
        Setting previous = options.put(name.group(), new Setting(variables(c.get(env)), c.get(dflt).replace("`", "").strip()));
        assertTrue(previous == null, "the reference lists " + name.group() + " twice for " + command);
      }
      return options;
    }
    throw new AssertionError(REFERENCE + " has no table marked <!-- config-table: " + command + " -->");
  }

  private static List<String> cells(String row) {
    String inner = row.strip();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }

  @Test
  void everyCommandsTable_listsExactlyItsHelpOptions_withTheSameVariablesAndDefaults() throws IOException {
    List<String> readme = Files.readAllLines(ThreatModelTest.repositoryRoot().resolve(REFERENCE));
    List<String> problems = new ArrayList<>();
    for (String command : COMMANDS) {
      Map<String, Setting> help = helpOptions(help(command));
      Map<String, Setting> table = readmeOptions(readme, command);
      for (var e : help.entrySet()) {
        Setting inTable = table.get(e.getKey());
        if (inTable == null) {
          problems.add(command + ": the reference lacks " + e.getKey() + " " + e.getValue());
        } else if (!inTable.equals(e.getValue())) {
          problems.add(command + " " + e.getKey() + ": --help says " + e.getValue() + ", the reference says " + inTable);
        }
      }
      for (String flag : table.keySet()) {
        if (!help.containsKey(flag)) {
          problems.add(command + ": the reference lists " + flag + ", which --help does not show");
        }
      }
    }
    assertTrue(problems.isEmpty(), REFERENCE + "'s configuration tables disagree with --help:\n  " + String.join("\n  ", problems));
  }

  @Test
  void helpOptions_readsDefaultsRequiredAndEveryVariable() {
    Map<String, Setting> relay = helpOptions(help("relay"));
    assertEquals(new Setting(Set.of("HOTLINE_RELAY_LISTEN"), "127.0.0.1:8080"), relay.get("--listen"));
    assertEquals(new Setting(Set.of("HOTLINE_RELAY_SOCKS_PROXY"), "none, direct"), relay.get("--socks-proxy"));
    assertEquals(new Setting(Set.of("HOTLINE_RELAY_HOTLINE_FINGERPRINT"), "required"), relay.get("--hotline-fingerprint"));
    assertTrue(relay.size() >= 16, "relay options: " + relay.keySet());
    Map<String, Setting> intake = helpOptions(help("intake"));
    assertEquals(new Setting(Set.of("HOTLINE_RELAY_INTAKE_ADMIN"), "127.0.0.1:9091"), intake.get("--admin"));
    assertEquals(new Setting(Set.of("HOTLINE_RELAY_INTAKE_TLS_KEYSTORE"), "none"), intake.get("--tls-keystore"));
    Map<String, Setting> show = helpOptions(help("inbox show"));
    assertEquals(new Setting(Set.of("HOTLINE_RELAY_INBOX"), "required"), show.get("--inbox"));
    assertEquals(new Setting(Set.of(), "DIR/.read-ids"), show.get("--read-state"));
    assertFalse(show.containsKey("--help") || show.containsKey("ID"));
  }
}
