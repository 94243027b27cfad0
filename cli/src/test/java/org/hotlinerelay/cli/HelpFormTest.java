// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One form for every option's help: the description, then its environment variable and default in
 * one parenthesis at the end, {@code … (HOTLINE_RELAY_X, default: V).}, either part left out when
 * the option has none; and options listed in declaration order in every command.
 */
class HelpFormTest {
  /** The closing parenthesis: {@code (ENV)}, {@code (ENV, default: V)} or {@code (default: V)}. */
  private static final String VALUE = "(?:(?!HOTLINE_RELAY_)[^()])+";
  private static final Pattern FINAL = Pattern.compile(
      " \\((?:(HOTLINE_RELAY_[A-Z0-9_]*[A-Z0-9])(?:, default: " + VALUE + ")?|default: " + VALUE + ")\\)\\.$");
  /** The variable an option reads, from its {@code defaultValue = "${env:X…}"}. */
  private static final Pattern ENV_DEFAULT = Pattern.compile("^\\$\\{env:([A-Z0-9_]+)(?::-(.*))?}$");
  /** Any other way of naming a variable or a default. */
  private static final Pattern ELSEWHERE = Pattern.compile("HOTLINE_RELAY_|(?i:default:)|Default\\b|\\(env\\b");

  private static CommandSpec spec(List<String> path) {
    CommandLine command = new CommandLine(new Main());
    for (String name : path) {
      command = command.getSubcommands().get(name);
    }
    return command.getCommandSpec();
  }

  /**
   * The problems with one option's description, or none; {@code variable} is the one it reads, or
   * null; {@code hasDefault} whether it has a default value.
   */
  static List<String> problems(String description, String variable, boolean hasDefault) {
    List<String> found = new ArrayList<>();
    Matcher last = FINAL.matcher(description);
    boolean ends = last.find();
    String before = ends ? description.substring(0, last.start()) : description;
    if (variable != null && !(ends && variable.equals(last.group(1)))) {
      found.add("reads " + variable + " but does not end with ' (" + variable + "[, default: V]).': " + description);
    }
    if (hasDefault && !(ends && last.group().contains("default: "))) {
      found.add("has a default but does not end with ' ([HOTLINE_RELAY_X, ]default: V).': " + description);
    }
    Matcher other = ELSEWHERE.matcher(before);
    if (other.find()) {
      found.add("names '" + other.group() + "' outside a final ' (HOTLINE_RELAY_X, default: V).': " + description);
    }
    return found;
  }

  @Test
  void everyOption_namesItsVariableAndDefaultInOneFinalParenthesis() {
    List<String> problems = new ArrayList<>();
    for (List<String> path : CliShapeTest.commands()) {
      for (OptionSpec option : spec(path).options()) {
        if (!option.usageHelp() && !option.versionHelp()) {
          Matcher env = ENV_DEFAULT.matcher(option.defaultValueString(false));
          boolean fromEnv = env.matches();
          boolean hasDefault = fromEnv ? env.group(2) != null && !env.group(2).isEmpty() : option.defaultValue() != null;
          String description = String.join(" ", option.description());
          problems(description, fromEnv ? env.group(1) : null, hasDefault)
              .forEach(p -> problems.add(path + " " + option.longestName() + ": " + p));
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  /** picocli's own {@code Default: V} line (showDefaultValues) is a second form: never used. */
  @Test
  void everyHelpText_hasNoDefaultLineOfPicocli() {
    for (List<String> path : CliShapeTest.commands()) {
      CommandSpec spec = spec(path);
      for (OptionSpec option : spec.options()) {
        boolean shown = option.showDefaultValue() == CommandLine.Help.Visibility.ALWAYS
            || (spec.usageMessage().showDefaultValues() && option.showDefaultValue() == CommandLine.Help.Visibility.ON_DEMAND);
        assertTrue(!shown, path + " " + option.longestName() + " gets picocli's 'Default:' line");
      }
      String help = CliRun.of(CliShapeTest.with(path, "--help")).out();
      assertTrue(!help.contains("Default:"), path + " --help:\n" + help);
    }
  }

  /** Every command lists its options in the order they are declared. */
  @Test
  void everyCommand_listsOptionsInDeclarationOrder() {
    for (List<String> path : CliShapeTest.commands()) {
      assertTrue(!spec(path).usageMessage().sortOptions(), path + " sorts its options");
    }
  }

  @Test
  void problems_findEveryOtherForm() {
    assertEquals(List.of(), problems("Reporting listener (HOTLINE_RELAY_LISTEN, default: 127.0.0.1:8080).", "HOTLINE_RELAY_LISTEN", true));
    assertEquals(List.of(), problems("The inbox folder; required (HOTLINE_RELAY_INBOX).", "HOTLINE_RELAY_INBOX", false));
    assertEquals(List.of(), problems("Time limit (default: 20).", null, true));
    assertEquals(List.of(), problems("Portal id: from --portals, or 'default' without it.", null, false));
    assertEquals(1, problems("Reporting listener (default: 127.0.0.1:8080).", "HOTLINE_RELAY_LISTEN", true).size());
    assertEquals(1, problems("Reporting listener (HOTLINE_RELAY_LISTEN).", "HOTLINE_RELAY_LISTEN", true).size());
    assertEquals(1, problems("Port of the relay.", null, true).size());
    for (String other : List.of(
        "The intake's inbox folder (env HOTLINE_RELAY_INBOX). Required.",
        "Address (HOTLINE_RELAY_INTAKE_ADMIN). Default: 127.0.0.1:9091",
        "File of ids. Default: DIR/.read-ids.",
        "Read FILE; without it, the variable HOTLINE_RELAY_PASSPHRASE.",
        "Read FILE (HOTLINE_RELAY_PASSPHRASE); else a prompt (default: none).",
        "Address (default: 1, HOTLINE_RELAY_X).",
        "Address (HOTLINE_RELAY_X) (default: 1).")) {
      assertEquals(1, problems(other, null, false).size(), other);
    }
  }
}
