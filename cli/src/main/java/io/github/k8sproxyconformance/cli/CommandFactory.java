package io.github.k8sproxyconformance.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/**
 * Makes the commands, handing the console streams to those that take them in their constructor
 * ({@code (PrintStream out, PrintStream err)}), so tests can read what a command prints.
 */
final class CommandFactory implements CommandLine.IFactory {

  private final PrintStream out;
  private final PrintStream err;

  CommandFactory(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    try {
      return type.getDeclaredConstructor(PrintStream.class, PrintStream.class)
          .newInstance(out, err);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(type);
    }
  }
}
