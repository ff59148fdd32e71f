"""A free TCP port on loopback, for the Python scripts here (imported, not run; lib.sh has the shell's).

Standard library only: docker-hostnet-proxy.py runs under any python3, without the tools' virtualenv.
"""

import socket


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
