#!/usr/bin/env python3
"""Docker Engine API proxy: run the containers `sam local` creates on the host network.

SAM CLI ignores `--docker-network host` (the container stays on the default bridge). For each
POST /containers/create this sets HostConfig.NetworkMode=host and removes port publishing; for
SAM's Lambda containers (label sam.cli.container.type=lambda) it also makes the Runtime Interface
Emulator listen on 127.0.0.1:<the host port SAM published and will call>, with its Runtime API on
another free 127.0.0.1 port. POST /build gets networkmode=host. Everything else passes through.

Usage: docker-hostnet-proxy.py LISTEN_SOCKET UPSTREAM_SOCKET LOG_FILE RUN_ID
(started by scripts/sam-local-test.sh; containers it creates are labelled with RUN_ID).
"""
import json, re, socket, socketserver, sys, threading, urllib.parse

from free_port import free_port  # scripts/ is on sys.path: it is this script's directory

LISTEN, UPSTREAM, LOG, RUN_ID = sys.argv[1:5]
lock = threading.Lock()


def log(msg):
    with lock, open(LOG, "a") as f:
        f.write(msg + "\n")


def rewrite_create(body):
    cfg = json.loads(body or b"{}")
    labels = cfg.get("Labels") or {}
    labels["org.withings-alexa.sam-local-test"] = RUN_ID
    cfg["Labels"] = labels
    host = cfg.get("HostConfig") or {}
    cfg["HostConfig"] = host
    port = None
    for key, binds in (host.get("PortBindings") or {}).items():
        if key.split("/")[0] == "8080" and binds:
            port = binds[0].get("HostPort")
    host["NetworkMode"] = "host"
    host.pop("PortBindings", None)
    cfg.pop("ExposedPorts", None)
    cfg.pop("NetworkingConfig", None)
    entry = cfg.get("Entrypoint") or []
    argv = entry + (cfg.get("Cmd") or [])
    note = "no RIE"
    if (labels.get("sam.cli.container.type") == "lambda" and entry and entry[0].endswith("aws-lambda-rie")
            and port and not any(a.startswith("--runtime-interface-emulator-address") for a in argv)):
        api = free_port()
        cfg["Entrypoint"] = entry + ["--runtime-interface-emulator-address", f"127.0.0.1:{port}",
                                     "--runtime-api-address", f"127.0.0.1:{api}"]
        note = f"RIE 127.0.0.1:{port}, runtime API 127.0.0.1:{api}"
    log(f"create {labels.get('sam.cli.function.name', '?')}: NetworkMode=host, {note}")
    return json.dumps(cfg).encode()


def read_chunked(rf):
    out = b""
    while True:
        size = int(rf.readline().split(b";")[0].strip() or b"0", 16)
        if size == 0:
            while rf.readline() not in (b"\r\n", b"\n", b""):
                pass
            return out
        out += rf.read(size)
        rf.readline()


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        client = self.request
        up = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        up.connect(UPSTREAM)
        back = threading.Thread(target=pump, args=(up, client), daemon=True)
        back.start()
        rf = client.makefile("rb")
        try:
            while True:
                line = rf.readline(65537)
                if not line:
                    break
                if line in (b"\r\n", b"\n"):
                    continue
                headers = []
                while True:
                    h = rf.readline(65537)
                    if h in (b"\r\n", b"\n", b""):
                        break
                    headers.append(h)
                method, target, version = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
                fields = {}
                for h in headers:
                    k, _, v = h.decode("latin-1").partition(":")
                    fields[k.strip().lower()] = v.strip()
                if "chunked" in fields.get("transfer-encoding", "").lower():
                    body = read_chunked(rf)
                else:
                    body = rf.read(int(fields.get("content-length") or 0))
                path = urllib.parse.urlsplit(target).path
                if method == "POST" and re.search(r"/containers/create$", path):
                    body = rewrite_create(body)
                elif method == "POST" and re.search(r"/build$", path):
                    target += ("&" if "?" in target else "?") + "networkmode=host"
                    log("build: networkmode=host")
                kept = [h for h in headers
                        if h.split(b":")[0].strip().lower() not in (b"content-length", b"transfer-encoding")]
                head = f"{method} {target} {version}\r\n".encode("latin-1") + b"".join(kept)
                if body or method in ("POST", "PUT"):
                    head += f"Content-Length: {len(body)}\r\n".encode()
                up.sendall(head + b"\r\n" + body)
                if "upgrade" in fields.get("connection", "").lower() or "upgrade" in fields:
                    # A hijacked stream (attach): raw bytes both ways from here on.
                    while True:
                        data = rf.read1(65536)
                        if not data:
                            break
                        up.sendall(data)
                    break
        except (ConnectionResetError, BrokenPipeError):
            pass  # the client (SAM) or the engine hung up; nothing to do
        except (OSError, ValueError) as e:
            log(f"connection error: {e!r}")
        finally:
            for s in (up, client):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            back.join(timeout=5)
            up.close()


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


Server(LISTEN, Handler).serve_forever()
