"""A loopback stand-in for the Lambda Runtime API (2018-06-01), for benchmarks.

It hands out one event per `GET /runtime/invocation/next` and records, with
`time.perf_counter_ns`, when the first poll arrived, when each event was handed
out and when its response was posted. Every accepted socket has TCP_NODELAY
and every answer is written with one `sendall` (headers and body together), so
no exchange waits on a delayed ACK: that 40 ms stall would swamp the figures.
"""
import json
import queue
import socket
import threading
import time

API = "/2018-06-01/runtime"


class Invocation:
    def __init__(self, request_id, payload):
        self.request_id = request_id
        self.payload = payload
        self.served_ns = None
        self.posted_ns = None
        self.response = None
        self.error = None
        self.done = threading.Event()


class RuntimeApi:
    def __init__(self):
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self.address = "127.0.0.1:%d" % self._sock.getsockname()[1]
        self._pending = queue.Queue()
        self._inflight = {}
        self._seq = 0
        self.first_poll_ns = None
        self.first_poll = threading.Event()
        self.init_error = None
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self):
        self._closed = True
        self._sock.close()

    def invoke(self, payload, timeout=30.0):
        """Queue one event and wait for its response; the finished Invocation."""
        self._seq += 1
        inv = Invocation("bench-%08d" % self._seq, payload)
        self._inflight[inv.request_id] = inv
        self._pending.put(inv)
        if not inv.done.wait(timeout):
            raise TimeoutError("no response to %s within %ss (init error: %s)"
                               % (inv.request_id, timeout, self.init_error))
        if inv.error is not None:
            raise RuntimeError("the function failed: %s" % inv.error)
        return inv

    def _accept(self):
        while not self._closed:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        buf = b""
        try:
            while True:
                while b"\r\n\r\n" not in buf:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    buf += chunk
                head, buf = buf.split(b"\r\n\r\n", 1)
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    k, _, v = line.partition(":")
                    headers[k.strip().lower()] = v.strip()
                length = int(headers.get("content-length", "0"))
                while len(buf) < length:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    buf += chunk
                body, buf = buf[:length], buf[length:]
                conn.sendall(self._answer(method, path, body))
        except OSError:
            return
        finally:
            conn.close()

    def _answer(self, method, path, body):
        if method == "GET" and path == API + "/invocation/next":
            if self.first_poll_ns is None:
                self.first_poll_ns = time.perf_counter_ns()
                self.first_poll.set()
            inv = self._pending.get()
            payload = json.dumps(inv.payload).encode()
            deadline = int(time.time() * 1000) + 7000
            extra = (
                "Lambda-Runtime-Aws-Request-Id: %s\r\n"
                "Lambda-Runtime-Deadline-Ms: %d\r\n"
                "Lambda-Runtime-Invoked-Function-Arn: "
                "arn:aws:lambda:us-east-1:123456789012:function:bench\r\n"
                "Lambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000\r\n"
                % (inv.request_id, deadline)
            )
            inv.served_ns = time.perf_counter_ns()
            return _response(200, payload, extra)
        if method == "POST" and path.startswith(API + "/invocation/"):
            now = time.perf_counter_ns()
            request_id, kind = path[len(API + "/invocation/"):].split("/", 1)
            inv = self._inflight.pop(request_id, None)
            if inv is None:
                return _response(404, b'{"errorMessage":"unknown request id"}')
            inv.posted_ns = now
            if kind == "response":
                inv.response = json.loads(body)
            else:
                inv.error = body.decode("utf-8", "replace")
            inv.done.set()
            return _response(202, b'{"status":"OK"}')
        if method == "POST" and path == API + "/init/error":
            self.init_error = body.decode("utf-8", "replace")
            return _response(202, b'{"status":"OK"}')
        return _response(404, b'{"errorMessage":"not a Runtime API path"}')


def _response(status, body, extra=""):
    reason = {200: "OK", 202: "Accepted", 404: "Not Found"}[status]
    head = ("HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n"
            "Content-Length: %d\r\n%s\r\n" % (status, reason, len(body), extra))
    return head.encode("latin-1") + body
