package io.flymq.cli.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A named set of connection settings in {@code ~/.flymq/config.yaml}. It never holds a password:
 * {@code passwordEnv} names the environment variable to read it from at run time, so the file can
 * be shared or committed without leaking a secret.
 *
 * @param addr comma-separated {@code host:port} brokers, or null
 * @param username the user, or null
 * @param passwordEnv the environment variable holding the password, or null
 * @param tls whether to use TLS, or null (not set)
 * @param tlsCa the CA certificate PEM file, or null
 * @param tlsCert the client certificate PEM file (mTLS), or null
 * @param tlsKey the client private key PEM file (mTLS), or null
 * @param insecure whether to skip server certificate checks, or null (not set)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Profile(
    @JsonProperty("addr") String addr,
    @JsonProperty("username") String username,
    @JsonProperty("password_env") String passwordEnv,
    @JsonProperty("tls") Boolean tls,
    @JsonProperty("tls_ca") String tlsCa,
    @JsonProperty("tls_cert") String tlsCert,
    @JsonProperty("tls_key") String tlsKey,
    @JsonProperty("insecure") Boolean insecure) {}
