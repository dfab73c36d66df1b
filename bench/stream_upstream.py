#!/usr/bin/env python3
"""A tiny upstream for the streaming benchmark: GET answers a chunked body of ?bytes=N.

The kit's echo cluster sends sized bodies with a Content-Length; this server sends the same kind
of body with Transfer-Encoding: chunked, the way a large Kubernetes list or a log follows, so the
proxy cannot know the size in advance. The body is generated on the fly from one reused buffer.

Usage: stream_upstream.py PORT   (prints "listening on PORT" once ready)
"""
import http.server
import sys
import urllib.parse

CHUNK = bytes(range(256)) * 4096  # 1 MiB


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        remaining = int(query.get("bytes", ["0"])[0])
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        while remaining > 0:
            piece = CHUNK if remaining >= len(CHUNK) else CHUNK[:remaining]
            self.wfile.write(b"%x\r\n" % len(piece))
            self.wfile.write(piece)
            self.wfile.write(b"\r\n")
            remaining -= len(piece)
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def log_message(self, *args):
        pass


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print("listening on", server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
