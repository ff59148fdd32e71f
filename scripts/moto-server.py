#!/usr/bin/env python3
"""moto's server with one request at a time: `moto-server.py -H 127.0.0.1 -p PORT`.

Same arguments as `moto_server`. moto's backends check a ConditionExpression and
then write without a lock, so two concurrent conditional updates of one item
can both succeed (seen here: 6 rounds in 200 with 8 racing threads), where real
DynamoDB lets exactly one through. The skill's refresh lease and the bridge's
single-use codes rely on that atomicity, so the tests serialise moto's request
handling. The server stays threaded, so keep-alive connections don't block
each other while idle.
"""
import threading

from moto import server
from moto.moto_server.werkzeug_app import DomainDispatcherApplication

_lock = threading.Lock()
_call = DomainDispatcherApplication.__call__


def _one_at_a_time(self, environ, start_response):
    with _lock:
        # Materialise the body inside the lock: the backend work may be lazy.
        return list(_call(self, environ, start_response))


DomainDispatcherApplication.__call__ = _one_at_a_time

if __name__ == "__main__":
    server.main()
