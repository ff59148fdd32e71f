"""The local AWS the rehearsal deploys into: a moto_server of its own, and boto3 clients for it."""

import subprocess
import sys
import time
import urllib.request

import boto3

# scripts/free_port.py: scripts/ is on sys.path whenever this package is importable from it.
from free_port import free_port


def start_moto():
    port = free_port()
    proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    sys.exit(f"moto_server did not answer at {url}")


class Aws:
    def __init__(self, endpoint, region):
        self.region = region
        self.endpoint = endpoint
        self._clients = {}

    def __call__(self, service):
        if service not in self._clients:
            self._clients[service] = boto3.client(
                service, endpoint_url=self.endpoint, region_name=self.region,
                aws_access_key_id="test", aws_secret_access_key="test")
        return self._clients[service]
