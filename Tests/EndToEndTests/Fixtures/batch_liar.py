# A subject that claims the `batch` feature and answers batches wrongly (see SimulateTests).
import sys, json
mode = sys.argv[1]
for line in sys.stdin:
    r = json.loads(line)
    op = r["op"]
    if op == "hello":
        out = {"protocol": 1, "name": "liar", "language": "py", "features": ["batch", "concurrency"]}
    elif op == "create":
        out = {"state": "CLOSED"}
    elif op == "batch":
        n = len(r["events"])
        if mode == "short": out = {"results": "r" * (n - 1), "states": "C" * (n - 1)}
        elif mode == "badchar": out = {"results": "z" * n, "states": "C" * n}
        elif mode == "finish-running": out = {"results": "r" * n, "states": "C" * n}
        elif mode == "hang": import time; time.sleep(100)
        elif mode == "flood": sys.stdout.write("x" * 3000000); sys.stdout.flush(); continue
    else:
        out = {}
    out.update({"id": r["id"], "ok": True})
    print(json.dumps(out), flush=True)
