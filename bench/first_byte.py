#!/usr/bin/env python3
"""Time from sending a watch request to the first byte of its first event, direct and proxied.

Each sample opens a fresh client connection first, so connection setup is not timed; the two
paths are sampled alternately so that a load change on the machine hits both alike.

Usage: first_byte.py SAMPLES DIRECT_URL PROXY_URL [Header: value ...]
  the headers are sent on the proxied requests only
"""
import http.client
import statistics
import sys
import time
import urllib.parse


def first_byte_ms(url, headers):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.connect()
    target = parts.path + ("?" + parts.query if parts.query else "")
    started = time.perf_counter()
    connection.request("GET", target, headers=headers)
    response = connection.getresponse()
    first = response.read(1)
    elapsed = (time.perf_counter() - started) * 1000
    response.read()
    connection.close()
    if response.status != 200 or not first:
        raise SystemExit(f"first_byte.py: {url} answered {response.status}")
    return elapsed


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    samples, direct_url, proxy_url = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    headers = dict(h.split(": ", 1) for h in sys.argv[4:])
    for _ in range(5):  # warm both paths: JIT, pooled proxy->cluster connection
        first_byte_ms(direct_url, {})
        first_byte_ms(proxy_url, headers)
    direct, proxied = [], []
    for _ in range(samples):
        direct.append(first_byte_ms(direct_url, {}))
        proxied.append(first_byte_ms(proxy_url, headers))
    for name, values in (("direct", direct), ("proxy", proxied)):
        deciles = statistics.quantiles(values, n=10)
        print(f"{name} median_ms={statistics.median(values):.3f} p90_ms={deciles[8]:.3f}")
    print(f"difference median_ms={statistics.median(proxied) - statistics.median(direct):.3f}")


if __name__ == "__main__":
    main()
