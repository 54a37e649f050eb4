#!/usr/bin/env python3
"""A patient-view call as an EHR would send it, from a real Synthea record (argument: its bundle): the patient, the
conditions with a lumbar disc disorder added, the pain scores and the procedures, all prefetched. The HTTP benchmark
(http.sh) and the in-process one (HookBenchmark) both load the service with this call."""
import json
import sys

resources = [e["resource"] for e in json.load(open(sys.argv[1]))["entry"]]
patient = next(r for r in resources if r["resourceType"] == "Patient")


def bundle(rs):
    return {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": r} for r in rs]}


conditions = [r for r in resources if r["resourceType"] == "Condition"] + [{"resourceType": "Condition",
    "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
    "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M51.16"}]},
    "subject": {"reference": "Patient/" + patient["id"]}}]
pain = [r for r in resources if r["resourceType"] == "Observation"
        and any(c.get("code") == "72514-3" for c in r.get("code", {}).get("coding", []))]
procedures = [r for r in resources if r["resourceType"] == "Procedure"]
print(json.dumps({"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
    "context": {"userId": "Practitioner/example", "patientId": patient["id"]},
    "prefetch": {"patient": patient, "conditions": bundle(conditions), "painScores": bundle(pain),
                 "procedures": bundle(procedures)}}))
