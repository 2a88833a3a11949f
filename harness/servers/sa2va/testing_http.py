"""What the server tests share: one POST /v1/predict over a fresh connection."""
import http.client
import json


def post(port, payload, timeout=10):
    """Sends ``payload`` as JSON to the server on ``port``; returns (status, parsed answer)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", "/v1/predict", body=json.dumps(payload).encode(),
                     headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        return r.status, json.loads(r.read().decode())
    finally:
        conn.close()
