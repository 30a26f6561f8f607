package io.flymq.protocol;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.AckResponse;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.protocol.message.SuccessResponse;
import io.flymq.protocol.message.audit.AuditExportResponse;
import io.flymq.protocol.message.audit.AuditExportSdkResponse;
import io.flymq.protocol.message.audit.AuditQueryResponse;
import io.flymq.protocol.message.auth.AclInfoResponse;
import io.flymq.protocol.message.auth.AclListResponse;
import io.flymq.protocol.message.auth.AclResponse;
import io.flymq.protocol.message.auth.JavaIdentityResponse;
import io.flymq.protocol.message.auth.ReferenceIdentityResponse;
import io.flymq.protocol.message.auth.RoleListResponse;
import io.flymq.protocol.message.auth.UserInfoResponse;
import io.flymq.protocol.message.auth.UserListResponse;
import io.flymq.protocol.message.batch.FetchBatchesResponse;
import io.flymq.protocol.message.batch.ProduceBatchResponse;
import io.flymq.protocol.message.cluster.ClusterMetadataResponse;
import io.flymq.protocol.message.core.ConsumeResponse;
import io.flymq.protocol.message.core.FetchResponse;
import io.flymq.protocol.message.core.ListTopicsResponse;
import io.flymq.protocol.message.core.MetadataResponse;
import io.flymq.protocol.message.core.OffsetResponse;
import io.flymq.protocol.message.core.RecordMetadata;
import io.flymq.protocol.message.dlq.FetchDlqResponse;
import io.flymq.protocol.message.dlq.ReinjectDlqResponse;
import io.flymq.protocol.message.group.DescribeGroupJavaResponse;
import io.flymq.protocol.message.group.DescribeGroupResponse;
import io.flymq.protocol.message.group.GetLagResponse;
import io.flymq.protocol.message.group.ListGroupsJavaResponse;
import io.flymq.protocol.message.group.ListGroupsResponse;
import io.flymq.protocol.message.membership.GroupCommitResponse;
import io.flymq.protocol.message.membership.GroupDescribeResponse;
import io.flymq.protocol.message.membership.GroupOffsetsResponse;
import io.flymq.protocol.message.membership.HeartbeatResponse;
import io.flymq.protocol.message.membership.JoinGroupResponse;
import io.flymq.protocol.message.schema.GetSchemaResponse;
import io.flymq.protocol.message.schema.RegisterSchemaResponse;
import io.flymq.protocol.message.schema.SchemaListResponse;
import io.flymq.protocol.message.schema.ValidateSchemaResponse;
import io.flymq.protocol.message.topic.TopicConfigResponse;
import io.flymq.protocol.message.txn.TransactionResponse;
import io.flymq.protocol.message.version.ApiVersionsResponse;
import io.flymq.protocol.wire.WireReader;

/**
 * The response decoder of every response opcode, by {@link Dialect}; used by {@link MessageCodec}.
 * Stateless.
 */
final class ResponseDecoders {
  private ResponseDecoders() {}

  static Message decode(Opcode opcode, WireReader in, Dialect dialect) throws ProtocolException {
    switch (opcode) {
      case PRODUCE:
      case PRODUCE_WITH_SCHEMA:
      case PRODUCE_DELAYED:
      case PRODUCE_WITH_TTL:
      case PRODUCE_TX:
        return RecordMetadata.decode(opcode, in);
      case CONSUME:
      case CONSUME_ZERO_COPY:
        return ConsumeResponse.decode(opcode, in);
      case CREATE_TOPIC:
      case COMMIT:
      case DELETE_TOPIC:
      case RESET_OFFSET:
      case DELETE_GROUP:
      case LEAVE_GROUP:
        return AckResponse.decode(opcode, in);
      case METADATA:
        return MetadataResponse.decode(in);
      case SUBSCRIBE:
      case GET_OFFSET:
      case SEEK_TO_TIMESTAMP:
        return OffsetResponse.decode(opcode, in);
      case FETCH:
      case FETCH_BINARY:
        return FetchResponse.decode(opcode, in);
      case LIST_TOPICS:
        return ListTopicsResponse.decode(in);
      case API_VERSIONS:
        return ApiVersionsResponse.decode(in);
      case PRODUCE_BATCH:
        return ProduceBatchResponse.decode(in);
      case FETCH_BATCHES:
        return FetchBatchesResponse.decode(in);
      case JOIN_GROUP:
        return JoinGroupResponse.decode(in);
      case GROUP_HEARTBEAT:
        return HeartbeatResponse.decode(in);
      case GROUP_COMMIT:
        return GroupCommitResponse.decode(in);
      case GROUP_OFFSETS:
        return GroupOffsetsResponse.decode(in);
      case GROUP_DESCRIBE:
        return GroupDescribeResponse.decode(in);
      case ALTER_TOPIC_CONFIG:
      case DESCRIBE_TOPIC_CONFIG:
        return TopicConfigResponse.decode(opcode, in);
      case REGISTER_SCHEMA:
        return RegisterSchemaResponse.decode(in);
      case GET_SCHEMA:
        return dialect == Dialect.REFERENCE
            ? GetSchemaResponse.decode(in)
            : SchemaListResponse.decode(opcode, in);
      case LIST_SCHEMAS:
        return SchemaListResponse.decode(opcode, in);
      case VALIDATE_SCHEMA:
        return ValidateSchemaResponse.decode(in);
      case DELETE_SCHEMA:
      case PURGE_DLQ:
      case CANCEL_DELAYED:
      case CLUSTER_JOIN:
      case CLUSTER_LEAVE:
      case USER_DELETE:
      case USER_UPDATE:
      case PASSWORD_CHANGE:
        return SuccessResponse.decode(opcode, in);
      case REPLAY_DLQ:
        return ReinjectDlqResponse.decode(in);
      case FETCH_DLQ:
        return FetchDlqResponse.decode(in);
      case BEGIN_TX:
      case COMMIT_TX:
      case ABORT_TX:
        return TransactionResponse.decode(opcode, in);
      case CLUSTER_METADATA:
        return ClusterMetadataResponse.decode(in);
      case LIST_GROUPS:
        return dialect == Dialect.JAVA
            ? ListGroupsJavaResponse.decode(in)
            : ListGroupsResponse.decode(in);
      case DESCRIBE_GROUP:
        return dialect == Dialect.JAVA
            ? DescribeGroupJavaResponse.decode(in)
            : DescribeGroupResponse.decode(in);
      case GET_LAG:
        return GetLagResponse.decode(in);
      case AUTH_RESPONSE:
        return dialect == Dialect.JAVA
            ? JavaIdentityResponse.decode(opcode, in)
            : ReferenceIdentityResponse.decode(opcode, in);
      case WHOAMI:
        return dialect == Dialect.REFERENCE
            ? ReferenceIdentityResponse.decode(opcode, in)
            : JavaIdentityResponse.decode(opcode, in);
      case USER_CREATE:
      case USER_GET:
        return UserInfoResponse.decode(opcode, in);
      case USER_LIST:
        return UserListResponse.decode(in);
      case ACL_SET:
      case ACL_DELETE:
        return AclResponse.decode(opcode, in);
      case ACL_GET:
        return AclInfoResponse.decode(in);
      case ACL_LIST:
        return AclListResponse.decode(in);
      case ROLE_LIST:
        return RoleListResponse.decode(in);
      case AUDIT_QUERY:
      case AUDIT_QUERY_SDK:
        return AuditQueryResponse.decode(opcode, in);
      case AUDIT_EXPORT:
        return AuditExportResponse.decode(in);
      case AUDIT_EXPORT_SDK:
        return AuditExportSdkResponse.decode(in);
      case ERROR:
        return ErrorResponse.decode(in);
      default:
        // AUTH is answered with AUTH_RESPONSE; CLUSTER_STATUS has no layout (WIRE-V1 3.5, 12.3).
        throw new ProtocolException(
            ErrorCode.UNSUPPORTED_OPCODE, "unexpected response opcode: " + opcode.code());
    }
  }
}
