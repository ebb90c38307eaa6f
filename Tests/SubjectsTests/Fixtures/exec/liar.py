# A subject that handshakes properly and then lies on the protocol in the way named by argv[1].
import json
import sys
import time

mode = sys.argv[1]
for line in sys.stdin:
    request = json.loads(line)
    rid = request["id"]
    if request["op"] == "hello":
        print(json.dumps({"id": rid, "ok": True, "protocol": 1, "name": "liar", "language": "python", "features": []}), flush=True)
        continue
    if request["op"] == "create":
        print(json.dumps({"id": rid, "ok": True, "state": "CLOSED"}), flush=True)
        continue
    if mode == "garbage":
        print("hello, I am not JSON", flush=True)
    elif mode == "wrong-id":
        print(json.dumps({"id": rid + 7, "ok": True, "result": "success", "invoked": True}), flush=True)
    elif mode == "huge":
        sys.stdout.write("x" * (3 << 20))
        sys.stdout.flush()
    elif mode == "hang":
        time.sleep(3600)
    elif mode == "crash":
        sys.stderr.write("Traceback: something broke inside the subject\n")
        sys.exit(7)
    elif mode == "bad-result":
        print(json.dumps({"id": rid, "ok": True, "result": "maybe", "invoked": True}), flush=True)
