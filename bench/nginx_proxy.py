"""A plain reverse proxy as the gateway's anchor: Debian's nginx in front of the same registry, on a free port, with a
generated configuration (one process, keep-alive to the upstream, no logging), so a run prints what a proxy costs
when it does nothing but proxy. Installed with apt-get the first time a benchmark needs it.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CONFIG = """
daemon off;
master_process off;
worker_processes 1;
error_log {dir}/error.log warn;
pid {dir}/nginx.pid;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream registry {{ server 127.0.0.1:{upstream}; keepalive 64; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://registry;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
        }}
    }}
}}
"""


def nginx_binary() -> str:
    """Debian's nginx, installed with apt-get when missing (the benchmark's own dependency, not the platform's)."""
    found = shutil.which("nginx") or (Path("/usr/sbin/nginx").exists() and "/usr/sbin/nginx")
    if found:
        return found
    subprocess.run(["apt-get", "install", "-y", "-q", "nginx-light"], check=True, stdout=subprocess.DEVNULL,
                   env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
    return shutil.which("nginx") or "/usr/sbin/nginx"


def version() -> str:
    done = subprocess.run([nginx_binary(), "-v"], capture_output=True, text=True)
    return done.stderr.strip().removeprefix("nginx version: ")


@contextmanager
def proxy(port: int, upstream: int) -> Iterator[subprocess.Popen]:
    """nginx listening on `port`, proxying everything to 127.0.0.1:`upstream`; one process, so its CPU is its pid's."""
    with tempfile.TemporaryDirectory(prefix="civic-nginx-") as tmp:
        config = Path(tmp) / "nginx.conf"
        config.write_text(CONFIG.format(dir=tmp, port=port, upstream=upstream))
        proc = subprocess.Popen([nginx_binary(), "-c", str(config), "-p", tmp], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            yield proc
        finally:
            proc.terminate()
            proc.wait(10)
