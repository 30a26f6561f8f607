/**
 * The broker's configuration (DESIGN 9): the key definitions ({@link
 * io.flymq.server.config.ConfigKeys}), the typed record tree ({@link
 * io.flymq.server.config.ServerConfig}), the loader that layers defaults, a YAML or JSON file,
 * {@code FLYMQ_*} environment variables and command-line flags ({@link
 * io.flymq.server.config.ConfigLoader}), the command line ({@link
 * io.flymq.server.config.ServerFlags}) and the generator of docs/configuration.md ({@link
 * io.flymq.server.config.ConfigDocs}).
 */
package io.flymq.server.config;
