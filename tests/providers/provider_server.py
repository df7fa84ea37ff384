#!/usr/bin/env python3
"""Local stand-in for the online passive DNS services, for the provider tests.

Serves each provider's documented answer shapes (the fixtures next to this file) over HTTPS (certificate
signed by the test's own CA), plain HTTP (loopback) and a second HTTPS port with a certificate nobody trusts.
The first path segment picks the behaviour, the rest is the provider's documented path:

  /ok/...        normal answers, paged as the service pages them
  /empty/...     empty answers          /s401 /s403 /s404/...  that HTTP status with the service's error body
  /s429/...      429 + Retry-After: 1 once per URL, then ok     /quota/...  429 + Retry-After: 1 forever
  /stall/...     headers and a few bytes, then silence          /trunc/...  DNSDB stream without terminator
  /cut/...       Content-Length larger than the body sent       /big/...    a body of several megabytes
  /redirect/...  302 to the same path on the plain-http port    /redirect_ok/...  302 to /ok/... (https)
  /badjson/...   malformed JSON                                 /delay300/... ok after 300 ms
  /gzip/...      ok, gzip-compressed                            /echo/...   the request line and headers as JSON

Prints one JSON line {"https": port, "http": port, "wrong": port} once listening; runs until killed or
until stdin closes.
"""
import gzip
import json
import os
import re
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
_seen_lock = threading.Lock()
_seen = {}


def fixture(name):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read()


AUTH_HEADER = {
    "dnsdb": "X-API-Key", "circl": "Authorization", "virustotal": "x-apikey", "otx": "X-OTX-API-KEY",
    "securitytrails": "APIKEY", "dnsdumpster": "X-API-Key", "defenderti": "Authorization", "mnemonic": None,
}


def classify(path):
    """(provider, detail) for a documented path without the scenario prefix."""
    if path.startswith("/dnsdb/v2/lookup/rrset/"):
        return "dnsdb", "rrset"
    if path.startswith("/dnsdb/v2/lookup/rdata/"):
        return "dnsdb", "rdata"
    if path.startswith("/pdns/query/"):
        return "circl", ""
    m = re.match(r"^/api/v3/(domains|ip_addresses)/[^/]+/resolutions$", path)
    if m:
        return "virustotal", m.group(1)
    if path.startswith("/pdns/v3/"):
        return "mnemonic", ""
    m = re.match(r"^/api/v1/indicators/(domain|hostname|IPv4|IPv6)/[^/]+/passive_dns$", path)
    if m:
        return "otx", m.group(1)
    m = re.match(r"^/v1/history/[^/]+/dns/([a-z]+)$", path)
    if m:
        return "securitytrails", m.group(1)
    if path == "/token":
        return "defenderti", "token"
    m = re.match(r"^/v1\.0/security/threatIntelligence/hosts/[^/]+/(passiveDns|passiveDnsReverse)$", path)
    if m:
        return "defenderti", m.group(1)
    if path.startswith("/domain/"):
        return "dnsdumpster", ""
    return None, ""


def error_body(provider, status):
    text = {401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests"}.get(status, "Error")
    if provider == "virustotal":
        code = {401: "WrongCredentialsError", 403: "ForbiddenError", 404: "NotFoundError",
                429: "TooManyRequestsError"}.get(status, "Error")
        return json.dumps({"error": {"code": code, "message": text}}).encode()
    if provider == "dnsdb":
        return ("Error: " + text + "\n").encode()
    if provider == "circl" and status == 429:
        return b"Quota exhausted"
    return json.dumps({"message": text}).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "pdnsw-test/1"

    def log_message(self, fmt, *args):
        pass

    def send_body(self, status, body, content_type="application/json", headers=None, compress=False):
        if compress:
            body = gzip.compress(body)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if compress:
            self.send_header("Content-Encoding", "gzip")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.handle_any()

    def do_GET(self):
        self.handle_any()

    def handle_any(self):
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass

    def route(self):
        length = int(self.headers.get("Content-Length") or 0)
        body_in = self.rfile.read(length) if length else b""
        parsed = urllib.parse.urlsplit(self.path)
        parts = parsed.path.split("/", 2)
        scenario = parts[1] if len(parts) > 1 else ""
        rest = "/" + (parts[2] if len(parts) > 2 else "")
        query = urllib.parse.parse_qs(parsed.query)
        provider, detail = classify(rest)

        if scenario == "echo":
            return self.send_body(200, json.dumps({
                "path": parsed.path, "rawPath": self.path, "query": parsed.query,
                "headers": {k: v for k, v in self.headers.items()}}).encode())
        if provider is None:
            return self.send_body(404, json.dumps({"message": "unknown path " + rest}).encode())
        if scenario == "delay300":
            time.sleep(0.3)
            scenario = "ok"
        if scenario == "redirect":
            port = self.server.ports["http"]
            target = "http://127.0.0.1:%d/ok%s" % (port, rest + ("?" + parsed.query if parsed.query else ""))
            return self.send_body(302, b"", headers={"Location": target})
        if scenario == "redirect_ok":
            return self.send_body(302, b"", headers={"Location": "/ok" + rest + ("?" + parsed.query if parsed.query else "")})
        if scenario in ("s401", "s403", "s404"):
            status = int(scenario[1:])
            return self.send_body(status, error_body(provider, status))
        if scenario == "quota" or (scenario == "s429" and self.first_time()):
            return self.send_body(429, error_body(provider, 429), headers={"Retry-After": "1"})
        if scenario == "stall":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b'{"cond":"begin"}\n')
            self.wfile.flush()
            time.sleep(20)
            return
        if scenario == "cut":
            data = fixture("dnsdb_truncated.ndjson")
            self.send_response(200)
            self.send_header("Content-Type", "application/x-ndjson")
            self.send_header("Content-Length", str(len(data) + 5000))
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
            self.close_connection = True
            return
        if scenario == "big":
            line = b'{"obj":{"count":1,"time_first":1514764800,"time_last":1517443200,"rrname":"bad.example.","rrtype":"TXT","rdata":["' + b"x" * 900 + b'"]}}\n'
            data = b'{"cond":"begin"}\n' + line * 4000 + b'{"cond":"succeeded"}\n'
            return self.send_body(200, data, "application/x-ndjson")
        if scenario == "badjson":
            if provider in ("dnsdb", "circl"):
                return self.send_body(200, b'{"cond":"begin"}\n{"obj":{"rrname": "bad.example.", "rrtype"\nnot json at all\n', "application/x-ndjson")
            return self.send_body(200, b'{"data": [ {"attributes": {"host_name": "bad.example", ')
        if scenario == "trunc":
            return self.send_body(200, fixture("dnsdb_truncated.ndjson"), "application/x-ndjson")

        need = AUTH_HEADER.get(provider)
        if need and detail != "token" and not self.headers.get(need):
            return self.send_body(401 if provider != "dnsdb" else 403, error_body(provider, 401))
        if provider == "defenderti" and detail != "token" and self.headers.get("Authorization") != "Bearer test-access-token-9f8e7d":
            return self.send_body(401, json.dumps({"error": {"code": "InvalidAuthenticationToken", "message": "Access token is empty."}}).encode())

        empty = scenario == "empty"
        compress = scenario == "gzip"
        return self.answer(provider, detail, query, body_in, empty, compress)

    def first_time(self):
        with _seen_lock:
            key = self.path
            n = _seen.get(key, 0)
            _seen[key] = n + 1
            return n == 0

    def answer(self, provider, detail, query, body_in, empty, compress):
        ndjson = "application/x-ndjson"
        if provider == "dnsdb":
            if empty:
                return self.send_body(200, fixture("dnsdb_empty.ndjson"), ndjson, compress=compress)
            if detail == "rdata":
                return self.send_body(200, fixture("dnsdb_rdata_ip.ndjson"), ndjson, compress=compress)
            offset = int(query.get("offset", ["0"])[0])
            name = "dnsdb_rrset_page1.ndjson" if offset == 0 else "dnsdb_rrset_page2.ndjson"
            return self.send_body(200, fixture(name), ndjson, compress=compress)
        if provider == "circl":
            if empty:
                return self.send_body(200, b"", ndjson)
            cursor = self.headers.get("dribble-paginate-cursor")
            paging = self.headers.get("dribble-paginate-count")
            if paging and not cursor:
                return self.send_body(200, fixture("circl_page1.ndjson"), ndjson, headers={"x-dribble-cursor": "c2"}, compress=compress)
            if cursor == "c2":
                return self.send_body(200, fixture("circl_page2.ndjson"), ndjson, compress=compress)
            return self.send_body(200, fixture("circl_page1.ndjson") + fixture("circl_page2.ndjson"), ndjson, compress=compress)
        if provider == "virustotal":
            if empty:
                return self.send_body(404, fixture("virustotal_notfound.json"))
            if detail == "ip_addresses":
                return self.send_body(200, fixture("virustotal_ip.json"), compress=compress)
            cursor = query.get("cursor", [""])[0]
            name = "virustotal_domain_page2.json" if cursor == "Q1VSU09SMg==" else "virustotal_domain_page1.json"
            return self.send_body(200, fixture(name), compress=compress)
        if provider == "mnemonic":
            if empty:
                return self.send_body(200, b'{"responseCode":200,"limit":25,"offset":0,"count":0,"data":[],"size":0}')
            offset = int(query.get("offset", ["0"])[0])
            name = "mnemonic_page1.json" if offset == 0 else "mnemonic_page2.json"
            return self.send_body(200, fixture(name), compress=compress)
        if provider == "otx":
            if empty:
                return self.send_body(200, b'{"passive_dns": [], "count": 0}')
            name = "otx_ipv4.json" if detail in ("IPv4", "IPv6") else "otx_hostname.json"
            return self.send_body(200, fixture(name), compress=compress)
        if provider == "securitytrails":
            if empty:
                return self.send_body(200, json.dumps({"type": detail, "records": [], "pages": 0}).encode())
            page = int(query.get("page", ["1"])[0])
            if detail == "a":
                name = "securitytrails_a_page1.json" if page == 1 else "securitytrails_a_page2.json"
            else:
                name = "securitytrails_%s.json" % detail
            if not os.path.exists(os.path.join(FIXTURES, name)):
                return self.send_body(404, b'{"message": "no data"}')
            return self.send_body(200, fixture(name), compress=compress)
        if provider == "defenderti":
            if detail == "token":
                form = urllib.parse.parse_qs(body_in.decode())
                if not form.get("client_secret") or form.get("grant_type") != ["client_credentials"]:
                    return self.send_body(400, b'{"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided."}')
                return self.send_body(200, fixture("defenderti_token.json"))
            if empty:
                return self.send_body(200, b'{"value": []}')
            if detail == "passiveDnsReverse":
                return self.send_body(200, fixture("defenderti_reverse.json"), compress=compress)
            if "$skiptoken=page2" in self.path or "%24skiptoken=page2" in self.path:
                return self.send_body(200, fixture("defenderti_passivedns_page2.json"), compress=compress)
            scheme = "https" if isinstance(self.connection, ssl.SSLSocket) else "http"
            base = "%s://%s/%s" % (scheme, self.headers.get("Host"), self.path.split("/")[1])
            return self.send_body(200, fixture("defenderti_passivedns_page1.json").replace(b"{BASE}", base.encode()), compress=compress)
        if provider == "dnsdumpster":
            if empty:
                return self.send_body(200, b"{}")
            return self.send_body(200, fixture("dnsdumpster_domain.json"), compress=compress)
        return self.send_body(404, b"{}")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, context, ports):
        super().__init__(("127.0.0.1", 0), Handler)
        self.context = context
        self.ports = ports

    def finish_request(self, request, client_address):
        # TLS handshake here, in the request's own thread, so a client that gives up cannot block accept().
        if self.context is not None:
            try:
                request = self.context.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
        super().finish_request(request, client_address)


def main():
    cert_dir = sys.argv[1]
    ports = {}
    good = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    good.load_cert_chain(os.path.join(cert_dir, "server.pem"), os.path.join(cert_dir, "server.key"))
    wrong = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    wrong.load_cert_chain(os.path.join(cert_dir, "wrong.pem"), os.path.join(cert_dir, "wrong.key"))
    servers = {"https": Server(good, ports), "http": Server(None, ports), "wrong": Server(wrong, ports)}
    for name, s in servers.items():
        ports[name] = s.server_address[1]
        threading.Thread(target=s.serve_forever, daemon=True).start()
    print(json.dumps(ports), flush=True)
    sys.stdin.read()  # until the test closes our stdin or kills us


if __name__ == "__main__":
    main()
