package io.flymq.cli.command;

import io.flymq.cli.connection.ConnectionOptions;
import io.flymq.cli.connection.ConnectionResolver;
import io.flymq.cli.connection.ConnectionSettings;
import io.flymq.cli.profile.ProfileStore;
import io.flymq.client.FlyMQClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command shares: its context (streams, environment, Ctrl-C), usage errors, and the
 * connection settings gathered from the {@code connection} mixins of the command and its parents. A
 * subclass returns its exit code from {@link #call()}; failures are thrown and turned into exit
 * codes and stderr lines by {@link io.flymq.cli.Cli}.
 */
abstract class BaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  final CliContext ctx;

  BaseCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** A usage error (exit code 2) about this command. */
  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The profile store this run uses. */
  ProfileStore profiles() {
    return ProfileStore.fromEnvironment(ctx.env());
  }

  /** The connection settings: flags of this command, then its parents', env, profile, defaults. */
  ConnectionSettings connection() {
    ConnectionOptions merged = new ConnectionOptions();
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      CommandSpec mixin = s.mixins().get("connection");
      if (mixin != null) {
        merged = merged.orElse((ConnectionOptions) mixin.userObject());
      }
    }
    return new ConnectionResolver(ctx.env(), profiles()).resolve(merged);
  }

  /** A client for the resolved connection; the caller closes it. */
  FlyMQClient client() {
    return client(connection().clientProperties());
  }

  static FlyMQClient client(Map<String, String> properties) {
    FlyMQClient.Builder builder = FlyMQClient.builder();
    properties.forEach(builder::set);
    return builder.build();
  }
}
