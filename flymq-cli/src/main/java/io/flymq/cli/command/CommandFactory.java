package io.flymq.cli.command;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates command objects for picocli, handing each the {@link CliContext} through its {@code
 * (CliContext)} constructor; other classes (mixins, converters) come from picocli's own factory.
 */
public final class CommandFactory implements IFactory {
  private final CliContext ctx;
  private final IFactory fallback = CommandLine.defaultFactory();

  /** A factory for commands of this run. */
  public CommandFactory(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Constructor<K> constructor;
    try {
      constructor = cls.getDeclaredConstructor(CliContext.class);
    } catch (NoSuchMethodException e) {
      return fallback.create(cls);
    }
    constructor.setAccessible(true);
    return constructor.newInstance(ctx);
  }
}
