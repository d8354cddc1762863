#!/usr/bin/python3
"""An independent RiskFlags client: Python grpcio (Debian's packages), stubs generated from the same .proto.

Prints one JSON object. Modes:
  assess   ADDRESS KEY FAMILY_ID   health check, AssessFamily, then RecordDecision on its first suggestion
  decision ADDRESS KEY SUGGESTION  ListSuggestions, and the decisions recorded on SUGGESTION
"""
import json
import sys

import grpc


def health(channel):
    # grpc.health.v1.Health/Check without generated stubs: an empty request; the reply's field 1 is the status.
    check = channel.unary_unary("/grpc.health.v1.Health/Check",
                                request_serializer=lambda request: request,
                                response_deserializer=lambda reply: reply)
    reply = check(b"", timeout=10)
    status = reply[1] if len(reply) >= 2 and reply[0] == 0x08 else 0
    return {0: "UNKNOWN", 1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN"}.get(status, str(status))


def main():
    mode, address, key, subject = sys.argv[1:5]
    from riskflags.v1 import riskflags_pb2 as pb
    from riskflags.v1 import riskflags_pb2_grpc as rpc

    metadata = [("x-api-key", key)]
    with grpc.insecure_channel(address) as channel:
        if mode == "assess":
            result = {"health": health(channel)}
            assessment = rpc.AssessmentsStub(channel).AssessFamily(pb.AssessFamilyRequest(family_id=subject), metadata=metadata, timeout=30)
            result["assessment"] = {
                "family_id": assessment.family_id,
                "risk_score": assessment.risk_score,
                "risk_band": assessment.risk_band,
                "model_version": assessment.model_version,
                "rules_version": assessment.rules_version,
                "reasons": [flag.reason for flag in assessment.flags],
                "suggestions": [s.suggestion_id for s in assessment.suggestions],
            }
            decision = rpc.ReferralsStub(channel).RecordDecision(pb.RecordDecisionRequest(
                suggestion_id=assessment.suggestions[0].suggestion_id, decision=pb.ACCEPT,
                reason="offered at the strategy meeting", worker="PY-0001"), metadata=metadata, timeout=30)
            result["decision"] = {"decision_id": decision.decision_id, "status": decision.suggestion_status}
        else:
            listed = rpc.ReferralsStub(channel).ListSuggestions(pb.ListSuggestionsRequest(status="accepted", page_size=500), metadata=metadata, timeout=30)
            match = [s for s in listed.suggestions if s.suggestion_id == subject]
            result = {"found": len(match), "decisions": [d.decision_id for s in match for d in s.decisions]}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
