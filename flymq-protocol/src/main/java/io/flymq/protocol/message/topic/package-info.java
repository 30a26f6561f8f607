/** v2 topic configuration: ALTER_TOPIC_CONFIG and DESCRIBE_TOPIC_CONFIG (docs/protocol.md 2.10). */
package io.flymq.protocol.message.topic;
