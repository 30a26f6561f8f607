package io.flymq.protocol;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.EmptyRequest;
import io.flymq.protocol.message.TopicRequest;
import io.flymq.protocol.message.audit.AuditExportRequest;
import io.flymq.protocol.message.audit.AuditExportSdkRequest;
import io.flymq.protocol.message.audit.AuditQueryRequest;
import io.flymq.protocol.message.auth.AclSetRequest;
import io.flymq.protocol.message.auth.AuthRequest;
import io.flymq.protocol.message.auth.UserRequest;
import io.flymq.protocol.message.auth.UsernameRequest;
import io.flymq.protocol.message.batch.FetchBatchesRequest;
import io.flymq.protocol.message.batch.ProduceBatchRequest;
import io.flymq.protocol.message.cluster.ClusterJoinRequest;
import io.flymq.protocol.message.core.CommitRequest;
import io.flymq.protocol.message.core.ConsumeRequest;
import io.flymq.protocol.message.core.CreateTopicRequest;
import io.flymq.protocol.message.core.FetchRequest;
import io.flymq.protocol.message.core.ProduceRequest;
import io.flymq.protocol.message.core.SubscribeRequest;
import io.flymq.protocol.message.delivery.CancelDelayedRequest;
import io.flymq.protocol.message.delivery.ProduceDelayedRequest;
import io.flymq.protocol.message.delivery.ProduceWithTtlRequest;
import io.flymq.protocol.message.dlq.FetchDlqRequest;
import io.flymq.protocol.message.dlq.ReplayDlqRequest;
import io.flymq.protocol.message.group.GroupPartitionRequest;
import io.flymq.protocol.message.group.GroupRequest;
import io.flymq.protocol.message.group.ResetOffsetRequest;
import io.flymq.protocol.message.group.SeekToTimestampRequest;
import io.flymq.protocol.message.membership.GroupCommitRequest;
import io.flymq.protocol.message.membership.GroupDescribeRequest;
import io.flymq.protocol.message.membership.GroupOffsetsRequest;
import io.flymq.protocol.message.membership.HeartbeatRequest;
import io.flymq.protocol.message.membership.JoinGroupRequest;
import io.flymq.protocol.message.membership.LeaveGroupRequest;
import io.flymq.protocol.message.schema.ProduceWithSchemaRequest;
import io.flymq.protocol.message.schema.RegisterSchemaRequest;
import io.flymq.protocol.message.schema.SchemaVersionRequest;
import io.flymq.protocol.message.schema.ValidateSchemaRequest;
import io.flymq.protocol.message.topic.AlterTopicConfigRequest;
import io.flymq.protocol.message.txn.ProduceTxRequest;
import io.flymq.protocol.message.txn.TransactionIdRequest;
import io.flymq.protocol.wire.WireReader;

/** The request decoder of every request opcode; used by {@link MessageCodec}. Stateless. */
final class RequestDecoders {
  private RequestDecoders() {}

  static Message decode(Opcode opcode, WireReader in) throws ProtocolException {
    switch (opcode) {
      case PRODUCE:
        return ProduceRequest.decode(in);
      case CONSUME:
      case CONSUME_ZERO_COPY:
        return ConsumeRequest.decode(opcode, in);
      case CREATE_TOPIC:
        return CreateTopicRequest.decode(in);
      case METADATA:
      case DELETE_TOPIC:
      case LIST_SCHEMAS:
      case PURGE_DLQ:
      case CLUSTER_METADATA:
      case ACL_GET:
      case ACL_DELETE:
        return TopicRequest.decode(opcode, in);
      case SUBSCRIBE:
        return SubscribeRequest.decode(in);
      case COMMIT:
        return CommitRequest.decode(in);
      case FETCH:
      case FETCH_BINARY:
        return FetchRequest.decode(opcode, in);
      case LIST_TOPICS:
      case BEGIN_TX:
      case CLUSTER_LEAVE:
      case LIST_GROUPS:
      case WHOAMI:
      case USER_LIST:
      case ACL_LIST:
      case ROLE_LIST:
      case API_VERSIONS:
        return new EmptyRequest(opcode);
      case PRODUCE_BATCH:
        return ProduceBatchRequest.decode(in);
      case FETCH_BATCHES:
        return FetchBatchesRequest.decode(in);
      case JOIN_GROUP:
        return JoinGroupRequest.decode(in);
      case GROUP_HEARTBEAT:
        return HeartbeatRequest.decode(in);
      case LEAVE_GROUP:
        return LeaveGroupRequest.decode(in);
      case GROUP_COMMIT:
        return GroupCommitRequest.decode(in);
      case GROUP_OFFSETS:
        return GroupOffsetsRequest.decode(in);
      case GROUP_DESCRIBE:
        return GroupDescribeRequest.decode(in);
      case ALTER_TOPIC_CONFIG:
        return AlterTopicConfigRequest.decode(in);
      case DESCRIBE_TOPIC_CONFIG:
        return TopicRequest.decode(opcode, in);
      case REGISTER_SCHEMA:
        return RegisterSchemaRequest.decode(in);
      case GET_SCHEMA:
      case DELETE_SCHEMA:
        return SchemaVersionRequest.decode(opcode, in);
      case VALIDATE_SCHEMA:
        return ValidateSchemaRequest.decode(in);
      case PRODUCE_WITH_SCHEMA:
        return ProduceWithSchemaRequest.decode(in);
      case FETCH_DLQ:
        return FetchDlqRequest.decode(in);
      case REPLAY_DLQ:
        return ReplayDlqRequest.decode(in);
      case PRODUCE_DELAYED:
        return ProduceDelayedRequest.decode(in);
      case CANCEL_DELAYED:
        return CancelDelayedRequest.decode(in);
      case PRODUCE_WITH_TTL:
        return ProduceWithTtlRequest.decode(in);
      case COMMIT_TX:
      case ABORT_TX:
        return TransactionIdRequest.decode(opcode, in);
      case PRODUCE_TX:
        return ProduceTxRequest.decode(in);
      case CLUSTER_JOIN:
        return ClusterJoinRequest.decode(in);
      case GET_OFFSET:
      case GET_LAG:
        return GroupPartitionRequest.decode(opcode, in);
      case RESET_OFFSET:
        return ResetOffsetRequest.decode(in);
      case DESCRIBE_GROUP:
      case DELETE_GROUP:
        return GroupRequest.decode(opcode, in);
      case SEEK_TO_TIMESTAMP:
        return SeekToTimestampRequest.decode(in);
      case AUTH:
        return AuthRequest.decode(in);
      case USER_CREATE:
      case USER_UPDATE:
      case PASSWORD_CHANGE:
        return UserRequest.decode(opcode, in);
      case USER_DELETE:
      case USER_GET:
        return UsernameRequest.decode(opcode, in);
      case ACL_SET:
        return AclSetRequest.decode(in);
      case AUDIT_QUERY:
      case AUDIT_QUERY_SDK:
        return AuditQueryRequest.decode(opcode, in);
      case AUDIT_EXPORT:
        return AuditExportRequest.decode(in);
      case AUDIT_EXPORT_SDK:
        return AuditExportSdkRequest.decode(in);
      default:
        // CLUSTER_STATUS (reserved), AUTH_RESPONSE and ERROR are never requests (WIRE-V1 4.2).
        throw new ProtocolException(
            ErrorCode.UNSUPPORTED_OPCODE, "unknown opcode: " + opcode.code());
    }
  }
}
