#!/usr/bin/env python3
"""Write the API v8.1 sample page, twice:

  corpus/valid/v8-page.api-v8.json   valid under --api=v8 (*.api-v8.* in a
                                     name: the golden runner and the
                                     chunking suite pass --api=v8)
  corpus/invalid/v8-page-under-v1.json  the same bytes under the default
                                     v1 contract: the drift diagnostics
                                     (NAME.diag.jsonl / .diag.txt, written
                                     by `make golden`, reviewed by hand)

No example payload is published for v8.1, so the page is built from the
schemas of the vendor's OpenAPI document (components.schemas
PageOfJobSession, JobSession, BackupJobInfo + PolicyType,
HealthCheckJobInfo, RepositoryJobInfo, FileLevelRestoreJobInfo + FlrLink,
FileShareFileLevelRestoreJobInfo, RestorePointDataRetrievalJobInfo +
DataRetrievalPriority, RestoreJobInfo, RetentionJobInfo, LinksDictionary +
LinkHAL, JobSessionType, JobStatus): one session per job info, nullable
members as null, a running session, the Unknown type and status, extra
link names.  Timestamps are written as the v1 server writes them (trailing
fraction zeros trimmed), durations as TimeSpan "c", each equal to stop -
start, and ids are UUIDs as from v2 on (API-NOTES 1.4).

The files are committed; this script re-creates them byte for byte.
"""
import datetime as dt
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = "https://vbazure.contoso.example/api/v8.1"


def timestamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f").rstrip("0").rstrip(".") + "Z"


def timespan(d):
    ticks = (d.days * 86400 + d.seconds) * 10**7 + d.microseconds * 10
    days, rem = divmod(ticks, 864000000000)
    h, rem = divmod(rem, 36000000000)
    m, rem = divmod(rem, 600000000)
    s, f = divmod(rem, 10**7)
    return ((f"{days}." if days else "") + f"{h:02}:{m:02}:{s:02}" +
            (f".{f:07}" if f else ""))


def session(sid, typ, localized, start, seconds, status, infos):
    a = dt.datetime.fromisoformat(start)
    s = {"id": sid, "type": typ, "localizedType": localized,
         "executionStartTime": timestamp(a)}
    if seconds is None:  # running: stop time and duration are null
        s["executionStopTime"] = None
        s["executionDuration"] = None
    else:
        b = a + dt.timedelta(seconds=seconds)
        s["executionStopTime"] = timestamp(b)
        s["executionDuration"] = timespan(b - a)
    s["status"] = status
    s.update(infos)
    s["_links"] = {"self": {"href": f"{BASE}/jobSessions/{sid}"},
                   "log": {"href": f"{BASE}/jobSessions/{sid}/log"},
                   "stop": {"href": f"{BASE}/jobSessions/{sid}/stop"}}
    return s


SESSIONS = [
    session("6f1e2a9c-3b1d-4c7e-9a51-0d2f8e4b7c11", "PolicyBackup",
            "Policy Backup", "2025-03-02T01:00:04.118422", 1811.553210,
            "Success",
            {"backupJobInfo": {
                "policyId": "a91630ab-1603-47ea-a76c-0525e77a1188",
                "policyName": "Daily VMs", "policyType": "VirtualMachines",
                "protectedInstancesCount": 12, "policyRemoved": False}}),
    session("2c9d7e41-8f0a-4b6c-b3e2-5a1d9f07c3e8", "SqlPolicyBackup",
            "SQL Policy Backup", "2025-03-02T01:30:00.5", 622.25, "Warning",
            {"backupJobInfo": {
                "policyId": "0b6f3c2e-9d41-4e8a-8c17-3f5a2b9d6e04",
                "policyName": "SQL nightly", "policyType": "AzureSql",
                "protectedInstancesCount": 3, "policyRemoved": False},
             "healthCheckJobInfo": None, "retentionJobInfo": None}),
    session("91b4e6d2-7a3c-4f58-a0e9-c2d7b5f81436", "HealthCheck",
            "Health Check", "2025-03-02T02:00:00", 95.0031, "Success",
            {"healthCheckJobInfo": {
                "policyId": "a91630ab-1603-47ea-a76c-0525e77a1188",
                "policyName": "Daily VMs", "checkedInstancesCount": 12,
                "policyRemoved": False}}),
    session("d4a8f1c3-2e6b-4d97-8b05-7f3c9e1a2d60", "RepositoryCreation",
            "Create Repository", "2025-03-01T17:42:10.9", 14.5, "Success",
            {"repositoryJobInfo": {
                "repositoryId": "5e2c8b1f-4a7d-4c3e-9f60-1b8d3a7e2c95",
                "repositoryName": "hot-tier", "repositoryRemoved": False}}),
    session("7e3b9a15-c8d2-4f61-a4b7-e0f6d2c9b381", "FileLevelRestore",
            "File-level Restore", "2025-03-01T09:15:00.25", 3600.125,
            "Success",
            {"fileLevelRestoreJobInfo": {
                "initiator": "CONTOSO\\ops", "reason": None,
                "flrLink": {
                    "url": "https://10.0.4.17:443/flr/7e3b9a15",
                    "thumbprint": "3F1A9C0E5B7D2468ACE013579BDF2468ACE01357"},
                "vmId": "b2d4f6a8-1c3e-4a5b-8d7f-9e0a1b2c3d4e",
                "vmName": "web-01", "backupPolicyDisplayName": "Daily VMs",
                "restorePointCreatedDateUtc": "2025-02-28T01:00:05.9Z",
                "isFlrSessionReady": True}}),
    session("0a7c5e93-b1f4-4d28-96e3-8c2b4f7d1a59", "FileShareFileRestore",
            "File Share File Restore", "2025-03-01T10:00:00", 42.000001,
            "Success",
            {"fileShareFileLevelRestoreJobInfo": {
                "initiator": "ops@contoso.example", "reason": "user request",
                "flrLink": None, "fileShareId": "fs-3c8e1d",
                "fileShareName": "finance",
                "backupPolicyDisplayName": "Shares hourly",
                "restorePointCreatedDateUtc": None}}),
    session("58f2d1b7-9c4e-4a36-b8d0-2e7f1a6c9b34",
            "RestorePointDataRetrieval", "Restore Point Data Retrieval",
            "2025-03-01T12:00:00.001", None, "Running",
            {"restorePointDataRetrievalJobInfo": {
                "restorePointId": "c3e5a7b9-2d4f-4b6a-8c0e-1f3a5b7c9d2e",
                "sqlRestorePointId": None, "cosmosDbRestorePointId": None,
                "initiator": "ops@contoso.example",
                "instanceName": "vbazure-appliance", "daysToKeep": 7,
                "dataRetrievalPriority": "High"}}),
    session("e6c1a4f8-5b2d-4e97-a3c0-7d9f1b5e2a68", "RestoreVms",
            "VM Restore", "2025-02-27T22:05:31.7", 912.9, "Error",
            {"restoreJobInfo": {"reason": "DR drill",
                                "backupPolicyDisplayName": "Daily VMs"}}),
    session("3d8b2f6a-1e4c-4a79-b5d2-9c0e7f3a1b86",
            "ObsoleteSnapshotRetention", "Obsolete Snapshot Retention",
            "2025-02-27T04:00:00.5", 3.25, "Success",
            {"retentionJobInfo": {"deletedRestorePointsCount": 4}}),
    session("b5e9c3a7-6d1f-4b82-9e4a-0c7d2f8b3e15", "Unknown", None,
            "2025-02-26T08:00:00.75", 1.5, "Unknown", {}),
]

PAGE = {
    "offset": 0, "limit": 10, "totalCount": 87, "results": SESSIONS,
    "_links": {"self": {"href": f"{BASE}/jobSessions?offset=0&limit=10"},
               "next": {"href": f"{BASE}/jobSessions?offset=10&limit=10"}},
}

if __name__ == "__main__":
    text = json.dumps(PAGE, indent=2, ensure_ascii=False) + "\n"
    for path in ("valid/v8-page.api-v8.json", "invalid/v8-page-under-v1.json"):
        with open(os.path.join(HERE, path), "w", encoding="utf-8") as f:
            f.write(text)
