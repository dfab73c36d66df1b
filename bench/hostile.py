#!/usr/bin/env python3
"""Misbehaving clients and a misbehaving cluster for bench/hostile.sh, standard library only.

  hostile.py upstream                 the cluster stand-in; prints "listening on PORT"
  hostile.py attack --attack 2a ...   one attack against one target; appends a JSON line
  hostile.py table RESULTS OUT        the markdown table of all JSON lines

Every client operation has a time limit, so a target that hangs, refuses or dies is measured,
never waited for. Everything stays on loopback.
"""
import argparse
import asyncio
import collections
import json
import multiprocessing
import os
import resource
import signal
import socket
import sys
import time

MOUNT = "/api/kubernetes/proxy"
PODS = b'{"kind":"PodList","apiVersion":"v1","items":[]}'
EVENT = b'{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"p"}}}\n'
PROBE_PATH = "/api/v1/namespaces/default/pods"
FILLER = memoryview(b"x" * 65536)  # the body of large answers, made once
HEALTH = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
PROBE_TIMEOUT = 5.0  # a probe slower than this counts as failed: nobody waits longer for a list
IO_TIMEOUT = 10.0
WARM_REQUESTS, WARM_AT_ONCE = 20000, 50
CONNECTING_AT_ONCE = 200  # connects in flight, so that a crowd arrives quickly but not as one SYN flood
# Loopback's MTU is 64 KiB, and Linux sizes a socket's send buffer from its segment size: every
# socket of a run would hold 40 times what it holds on an Ethernet path, and a few thousand slow
# readers would take the host's whole TCP memory (tcp_mem), whatever the target. Every client and
# the cluster stand-in agree Ethernet's segment size instead, as callers and a cluster on a network.
WIRE_MSS = 1448
TIMEOUTS = (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError)


def raise_fd_limit():
    """Thousands of sockets need more descriptors than the usual soft limit of 1024."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))] if values else None


def ms(seconds):
    return "-" if seconds is None else f"{seconds * 1000:.0f}"


# --- the cluster stand-in ---------------------------------------------------------------------


async def upstream_connection(reader, writer, hold):
    """Answers probes with a small pod list and misbehaves only when the query asks for it."""
    # A real cluster's socket buffers are in another machine's kernel; here they would take the
    # shared TCP memory (tcp_mem) from the target's sockets, so they stay small. (Linux doubles the
    # figure; at 64 KiB, 4,000 answers waiting for slow readers held 0.65 GiB here.)
    writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 16384)
    try:
        while True:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 4 * hold)
            lines = head.decode("latin-1").split("\r\n")
            target = lines[0].split(" ")[1]
            fields = dict(line.lower().split(":", 1) for line in lines[1:] if ":" in line)
            if "chunked" in fields.get("transfer-encoding", ""):
                return  # no request of this run sends one
            length = int(fields.get("content-length", "0"))
            if length:  # the slow body arrives byte by byte; wait for it as long as the run lasts
                await asyncio.wait_for(reader.readexactly(length), 4 * hold)
            if "hostile=endless-head" in target:
                return await endless_head(writer)
            if "watch=1" in target:
                return await watch_stream(writer, hold)
            size = int(target.split("bytes=")[1].split("&")[0]) if "bytes=" in target else 0
            body = PODS if size == 0 else b""
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (size or len(body), body))
            for sent in range(0, size, len(FILLER)):  # a reader that stalls stalls this drain: bounded
                writer.write(FILLER[:min(len(FILLER), size - sent)])
                await asyncio.wait_for(writer.drain(), 2 * hold)
            await asyncio.wait_for(writer.drain(), IO_TIMEOUT)
            if "close" in fields.get("connection", ""):  # the observer's direct probe
                return
    except TIMEOUTS:
        pass
    finally:
        writer.close()


async def endless_head(writer, seconds=30):
    """Status line, then header lines for ever: a proxy that buffers the head without a cap grows
    until it runs out of memory; one with a cap answers 502 at once."""
    writer.write(b"HTTP/1.1 200 OK\r\n")
    deadline, n = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        writer.write(b"".join(b"X-Inf-%d: %s\r\n" % (n + i, b"y" * 40) for i in range(200)))
        n += 200
        await asyncio.wait_for(writer.drain(), IO_TIMEOUT)
        await asyncio.sleep(0)  # drain does not yield while the buffer is low; let probes in


async def watch_stream(writer, hold):
    """A chunked watch: the first event at once, then one every 5 s, ended after the run."""
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    deadline = time.monotonic() + hold + 30
    while time.monotonic() < deadline:
        writer.write(b"%x\r\n%s\r\n" % (len(EVENT), EVENT))
        await asyncio.wait_for(writer.drain(), IO_TIMEOUT)
        await asyncio.sleep(5)
    writer.write(b"0\r\n\r\n")
    await asyncio.wait_for(writer.drain(), IO_TIMEOUT)


def serve_upstream(hold, workers):
    """Serves the cluster from `workers` processes accepting on one socket: a real API server
    answers on many threads, and one event loop busy with thousands of connections would delay
    every answer, the probes' too, for its own reasons. A worker that is busy accepts less, so new
    connections go to the others. The first process stops the others when it is stopped."""
    listener = socket.socket()
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, WIRE_MSS)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4096)
    parent, children = os.getpid(), []
    for _ in range(workers - 1):
        child = os.fork()
        if child == 0:
            asyncio.run(upstream_worker(listener, hold, parent))
            os._exit(0)
        children.append(child)

    def stop(*_):
        for child in children:
            os.kill(child, signal.SIGTERM)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    print("listening on", listener.getsockname()[1], flush=True)
    asyncio.run(upstream_worker(listener, hold, None))


async def upstream_worker(listener, hold, parent):
    # asyncio listens again, with a backlog of 100 unless told: a burst would lose handshakes
    server = await asyncio.start_server(lambda r, w: upstream_connection(r, w, hold),
                                        sock=listener, backlog=4096)
    async with server:
        while parent is None or os.getppid() == parent:  # a worker whose parent died stops too
            await asyncio.sleep(1)


# --- client plumbing --------------------------------------------------------------------------


async def dial(port, gate=None, rcvbuf=None, timeout=10.0):
    """A non-blocking loopback socket. The receive buffer is set before connecting, as the TCP
    window is agreed then; the gate limits connects in flight. The limit is generous because the
    client's own loop, on a shared busy machine, can be late too."""
    sock = socket.socket()
    sock.setblocking(False)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, WIRE_MSS)
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    try:
        async with gate or asyncio.Semaphore():
            await asyncio.wait_for(asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port)), timeout)
    except BaseException:
        sock.close()
        raise
    return sock


async def send(sock, data):
    await asyncio.wait_for(asyncio.get_running_loop().sock_sendall(sock, data), IO_TIMEOUT)


async def recv(sock, size, timeout):
    return await asyncio.wait_for(asyncio.get_running_loop().sock_recv(sock, size), max(timeout, 0.001))


def request(path, method="GET", end=True):
    """A request to cluster alpha; end=False leaves the head open for the caller to go on."""
    return (f"{method} {MOUNT}{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nBackstage-Kubernetes-Cluster: alpha\r\n"
            + ("Connection: close\r\n\r\n" if end else "")).encode()


def status_of(data):
    parts = data.split(b" ", 2)
    return int(parts[1]) if data.startswith(b"HTTP/") and len(parts) > 1 and parts[1].isdigit() else None


def is_envelope(data):
    """The proxy's own error answer: Backstage's JSON shape with error and response members."""
    try:
        body = json.loads(data.split(b"\r\n\r\n", 1)[1])
        return isinstance(body, dict) and "error" in body and "response" in body
    except (IndexError, ValueError):
        return False


async def fetch(port, raw, timeout=PROBE_TIMEOUT, cap=1 << 20):
    """One request on a fresh connection, read to its end (at most `cap` bytes).
    Returns (data, seconds to the first byte); raises only when nothing came back in time."""
    start = time.monotonic()
    sock = await dial(port, timeout=timeout)
    parts, first = [], None
    try:
        await send(sock, raw)
        while sum(map(len, parts)) < cap:
            piece = await recv(sock, 65536, start + timeout - time.monotonic())
            first = first or time.monotonic() - start
            if not piece:
                break
            parts.append(piece)
    except asyncio.TimeoutError:
        if not parts:
            raise
    finally:
        sock.close()
    return b"".join(parts), first


class Probe:
    """A GET every 200 ms on a fresh connection, 5 s limit each: does the target still serve
    the others while it is attacked?"""

    def __init__(self, port, raw):
        self.port, self.raw, self.results, self.tasks = port, raw, [], []
        self.began = time.monotonic()

    def tick(self):
        self.tasks.append(asyncio.create_task(self.one()))

    async def one(self):
        start = time.monotonic()
        try:
            ok = status_of((await fetch(self.port, self.raw))[0]) == 200
        except TIMEOUTS:
            ok = False
        self.results.append((ok, time.monotonic() - start, start - self.began))

    async def summary(self):
        await asyncio.gather(*self.tasks)
        good = [s for ok, s, _ in self.results if ok]
        # when the slow and failed probes were sent, to tell a burst from a steady state
        slow = [(round(at, 1), round(s, 3), ok) for ok, s, at in self.results if not ok or s > 0.5]
        return {"ok": len(good), "n": len(self.results), "p50": pct(good, 50), "p99": pct(good, 99),
                "max": max(good, default=None), "slow": slow}


def proc_status(pid):
    """(VmRSS in MiB, threads) of a process, or None once it has gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            fields = dict(line.split(":", 1) for line in status)
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["Threads"])
    except (OSError, KeyError):
        return None


async def observe(port, cluster_port, pid, health, stopping, results):
    """Probes every 200 ms and samples /proc every 250 ms until told to stop; sends the probes'
    summaries and the peaks. The same GET sent straight to the cluster stand-in tells the
    cluster's own delay, on this shared machine, from the target's."""
    probes = {"target": Probe(port, request(PROBE_PATH)), "cluster": Probe(cluster_port, request(PROBE_PATH))}
    if health:
        probes["health"] = Probe(port, HEALTH)
    samples, tick = [proc_status(pid) or (0, 0)], 0
    results.send("ready")
    while not stopping.is_set():
        if tick % 4 == 0:
            for probe in probes.values():
                probe.tick()
        if tick % 5 == 0:
            samples.append(proc_status(pid) or (0, 0))
        tick += 1
        await asyncio.sleep(0.05)
    results.send({"probes": {name: await p.summary() for name, p in probes.items()},
                  "rss_peak": max((s[0] for s in samples), default=None),
                  "threads_peak": max((s[1] for s in samples), default=None)})


def observer_main(*args):
    raise_fd_limit()
    asyncio.run(observe(*args))


class Observer:
    """Probes and samples the target from a process of its own: the attack's event loop, busy
    with thousands of sockets, would otherwise delay both and add its own lag to the latencies."""

    def __init__(self, a):
        context = multiprocessing.get_context("spawn")
        self.stopping, (self.results, sender) = context.Event(), context.Pipe(False)
        self.process = context.Process(target=observer_main, daemon=True, args=(
            a.port, a.cluster_port, a.pid, a.target == "reference", self.stopping, sender))
        self.process.start()

    async def ready(self):
        """Waits for the observer's first sample, so an attack starts with it watching."""
        if await asyncio.to_thread(self.results.poll, 30):
            self.results.recv()

    async def stop(self):
        self.stopping.set()
        seen = await asyncio.to_thread(self.results.poll, 30)  # the last probes take up to 5 s
        self.process.join(5)
        return self.results.recv() if seen else {"probes": {}, "rss_peak": None, "threads_peak": None}


async def crowd(n, client):
    """Runs n clients at once, CONNECTING_AT_ONCE of them connecting at a time; returns their
    outcomes counted, and the list of their timings."""
    gate, tally, times = asyncio.Semaphore(CONNECTING_AT_ONCE), collections.Counter(), []
    await asyncio.gather(*(client(gate, tally, times) for _ in range(n)))
    return tally, times


async def dial_counted(a, gate, tally, rcvbuf=None):
    """dial() for one of a crowd: counts whether it connected."""
    try:
        sock = await dial(a.port, gate, rcvbuf)
    except TIMEOUTS:
        tally["could not connect"] += 1
        return None
    tally["connected"] += 1
    return sock


def closed_how(data):
    return f"answered {status_of(data)}" if status_of(data) else "closed"


async def trickle(a, gate, tally, times, first, next_piece, every, until):
    """Connects, sends `first`, then `next_piece(i)` every `every` seconds until `until`. Notes in
    `times` when the target answered or closed (seconds after connecting), else 'held'."""
    sock, start, i = await dial_counted(a, gate, tally), time.monotonic(), 0
    if not sock:
        return
    try:
        await send(sock, first)
        while time.monotonic() < until:
            try:
                data = await recv(sock, 4096, min(every, until - time.monotonic()))
                tally[closed_how(data)] += 1
                times.append(time.monotonic() - start)
                return
            except asyncio.TimeoutError:
                if time.monotonic() < until:
                    await send(sock, next_piece(i))
                    i += 1
        tally["held to the end"] += 1
    except TIMEOUTS:
        tally["reset"] += 1
        times.append(time.monotonic() - start)
    finally:
        sock.close()


# --- the attacks ------------------------------------------------------------------------------


async def attack_endless_head(a):
    """1: one GET whose answer head never ends. A proxy must cap the head it buffers and answer
    (502 or its envelope) at once, not grow until its heap is gone."""
    start = time.monotonic()
    try:
        data, first = await fetch(a.port, request(PROBE_PATH + "?hostile=endless-head"), timeout=40)
    except TIMEOUTS as e:
        return f"no answer within 40 s ({type(e).__name__})"
    if not data:
        return f"closed without an answer after {time.monotonic() - start:.1f} s"
    kind = ", the JSON envelope" if is_envelope(data) else ""
    return f"{status_of(data) or 'garbage'} after {first:.1f} s{kind}"


async def attack_slow_body(a):
    """2a: POSTs that promise 1 MB and send a byte every 5 s. Each holds what the target gives a
    request in flight (a thread, a cluster connection); the probe shows whether others still get one."""
    head = request("/api/v1/namespaces/default/configmaps", "POST", end=False) + \
        b"Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"
    until = time.monotonic() + a.hold
    tally, times = await crowd(a.clients, lambda g, t, ts: trickle(
        a, g, t, ts, head, lambda i: b" ", 5, until))
    return describe(tally, times, "ended by the target")


async def slow_reader(a, gate, tally, times, until):
    """GET 1 MiB through a 4 KiB receive window, reading 16 bytes every 2 s."""
    sock, start, seen = await dial_counted(a, gate, tally, rcvbuf=4096), time.monotonic(), b""
    if not sock:
        return
    try:
        await send(sock, request(PROBE_PATH + "?bytes=1048576"))
        while time.monotonic() < until:
            try:
                piece = await recv(sock, 16, until - time.monotonic())
            except asyncio.TimeoutError:
                break
            if not piece:
                tally[f"{closed_how(seen)}, closed before the end"] += 1
                times.append(time.monotonic() - start)
                return
            seen = seen if len(seen) > 16 else seen + piece
            await asyncio.sleep(2)
        tally[f"answered {status_of(seen)}, still reading at the end" if seen else "no answer by the end"] += 1
    except TIMEOUTS:
        tally["reset"] += 1
    finally:
        sock.close()


async def attack_slow_read(a):
    """2b: clients that take a 1 MiB answer but read it a few bytes at a time. The target must not
    give each one a cluster connection and buffers for ever, or the others starve."""
    until = time.monotonic() + a.hold
    tally, times = await crowd(a.clients, lambda g, t, ts: slow_reader(a, g, t, ts, until))
    return describe(tally, times, "ended by the target")


async def watcher(a, gate, tally, times, until):
    """One watch: the time from sending the request to its first event, then held open."""
    sock, seen = await dial_counted(a, gate, tally), b""
    if not sock:
        return
    try:
        sent = time.monotonic()
        await send(sock, request(PROBE_PATH + "?watch=1"))
        while b'"type"' not in seen:
            piece = await recv(sock, 65536, until - time.monotonic())
            if not piece:
                tally[f"{closed_how(seen)} before an event"] += 1
                return
            seen += piece
        times.append(time.monotonic() - sent)
        while time.monotonic() < until and await recv(sock, 65536, until - time.monotonic()):
            pass
        tally["ended early" if time.monotonic() < until else "live to the end"] += 1
    except asyncio.TimeoutError:
        tally["live to the end" if times and b'"type"' in seen else "no event by the end"] += 1
    except TIMEOUTS:
        tally["reset"] += 1
    finally:
        sock.close()


async def attack_watches(a):
    """2c: many watches at once. Each must get its first event within 5 s: a watch that waits in
    a queue is a dashboard that shows stale pods."""
    until = time.monotonic() + a.hold
    tally, times = await crowd(a.watches, lambda g, t, ts: watcher(a, g, t, ts, until))
    late = a.watches - sum(1 for t in times if t <= 5)
    verdict = "all live within 5 s" if late == 0 else f"{late} of {a.watches} NOT live within 5 s"
    return (f"{verdict}; first event: {len(times)}, p50/p99/max {ms(pct(times, 50))}/"
            f"{ms(pct(times, 99))}/{ms(max(times, default=None))} ms; " + counts(tally))


async def attack_slowloris(a):
    """6: request heads sent one header line every 10 s, never finished. A server that resets its
    timer on every byte keeps them for ever; the figure is when the target let go."""
    first = request(PROBE_PATH, end=False)
    until = time.monotonic() + 3 * a.hold
    tally, times = await crowd(a.clients, lambda g, t, ts: trickle(
        a, g, t, ts, first, lambda i: b"X-Slow-%d: %d\r\n" % (i, i), 10, until))
    return describe(tally, times, "cut by the target", f"still open at {3 * a.hold:.0f} s")


def counts(tally):
    return ", ".join(f"{what}: {n}" for what, n in sorted(tally.items(), key=lambda kv: -kv[1]))


def describe(tally, times, ended, held="held to the end"):
    text = counts(tally).replace("held to the end", held)
    if times:
        text += f"; {ended} after p50 {pct(times, 50):.1f} s, max {max(times):.1f} s"
    return text


ATTACKS = {"1": attack_endless_head, "2a": attack_slow_body, "2b": attack_slow_read,
           "2c": attack_watches, "6": attack_slowloris}


async def warm_up(a):
    """Serves the target what it serves in production before the attack: lists mostly, some
    larger answers, some small writes, WARM_AT_ONCE at a time. A target only just started runs
    its code unoptimised, and the attack's burst would pay for compiling it; 200 requests left
    the reference proxy's compiler busy for the whole burst. Returns the answers counted."""
    post = request("/api/v1/namespaces/default/configmaps", "POST", end=False) + \
        b"Content-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(PODS), PODS)
    kinds = [request(PROBE_PATH)] * 8 + [request(PROBE_PATH + "?bytes=262144"), post]
    answers, turns = collections.Counter(), iter(range(WARM_REQUESTS))

    async def one_at_a_time():
        for turn in turns:
            try:
                answers[status_of((await fetch(a.port, kinds[turn % len(kinds)]))[0])] += 1
            except TIMEOUTS as e:
                answers[type(e).__name__] += 1

    await asyncio.gather(*(one_at_a_time() for _ in range(WARM_AT_ONCE)))
    return answers


async def run_attack(a):
    """Warms the target up, runs one attack with the observer around it, then observes for 3 s
    more once every attacking connection is closed."""
    started = time.monotonic()
    warm = await warm_up(a)
    if warm[200] < 0.99 * WARM_REQUESTS:
        sys.exit(f"hostile: {a.target} does not serve plain requests before the attack: {dict(warm)}")
    print(f"hostile: {a.target}: warmed up with {WARM_REQUESTS} requests in "
          f"{time.monotonic() - started:.0f} s", flush=True)
    rss_before = (proc_status(a.pid) or (None,))[0]
    observer = Observer(a)
    await observer.ready()
    print(f"hostile: {a.target}: attack {a.attack} started", flush=True)
    start = time.monotonic()
    outcome = await ATTACKS[a.attack](a)
    took = time.monotonic() - start
    during = await observer.stop()
    await asyncio.sleep(1)
    observer = Observer(a)
    await observer.ready()
    await asyncio.sleep(3)
    after = await observer.stop()
    oom = False
    if a.log and os.path.exists(a.log):
        with open(a.log, errors="replace") as log:
            oom = "OutOfMemoryError" in log.read()
    row = a.target if a.round is None else f"{a.target}, round {a.round}"
    record = {"attack": a.attack, "target": row, "outcome": outcome, "seconds": took,
              "during": during["probes"], "after": after["probes"], "rss_before": rss_before,
              "rss_peak": during["rss_peak"], "threads_peak": during["threads_peak"],
              "alive": proc_status(a.pid) is not None, "oom": oom}
    print(f"hostile: {a.target}: attack {a.attack} done in {took:.0f} s: {outcome}", flush=True)
    with open(a.out, "a") as out:
        out.write(json.dumps(record) + "\n")


# --- the table --------------------------------------------------------------------------------


def probe_cell(p):
    if not p or p["n"] == 0:
        return "-"
    return f"{p['ok']}/{p['n']} ok, {ms(p['p50'])}/{ms(p['p99'])}/{ms(p['max'])} ms"


def table(results, out):
    """One row per attack and target, markdown, so that it can be pasted as it is."""
    rows = ["| attack | target | outcome | probe GET during: ok, p50/p99/max | the same GET straight to "
            "the cluster during | probe GET after | /healthz during; after | peak threads | "
            "RSS before → peak MiB | process after |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    with open(results) as lines:
        for r in map(json.loads, lines):
            during, after = r["during"], r["after"]
            health = (f"{probe_cell(during.get('health'))}; {probe_cell(after.get('health'))}"
                      if "health" in during else "-")
            rss = " → ".join("-" if v is None else f"{v:.0f}" for v in (r["rss_before"], r["rss_peak"]))
            state = ("gone" if not r["alive"] else "alive") + (", OutOfMemoryError in its log" if r["oom"] else "")
            rows.append(f"| {r['attack']} | {r['target']} | {r['outcome']} ({r['seconds']:.0f} s) | "
                        f"{probe_cell(during.get('target'))} | {probe_cell(during.get('cluster'))} | "
                        f"{probe_cell(after.get('target'))} | {health} | "
                        f"{r['threads_peak'] or '-'} | {rss} | {state} |")
    text = "\n".join(rows) + "\n"
    with open(out, "w") as f:
        f.write(text)
    print(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["upstream", "attack", "table"])
    parser.add_argument("files", nargs="*", help="table: RESULTS OUT")
    parser.add_argument("--attack", choices=sorted(ATTACKS))
    parser.add_argument("--target", help="reference or nginx: names the row; /healthz only on reference")
    parser.add_argument("--port", type=int, help="the target's port on 127.0.0.1")
    parser.add_argument("--cluster-port", type=int, help="the cluster stand-in's port, probed directly too")
    parser.add_argument("--pid", type=int, help="the process to sample: the JVM, or nginx's worker")
    parser.add_argument("--log", help="the target's log, searched for OutOfMemoryError")
    parser.add_argument("--out", help="JSON lines file the result is appended to")
    parser.add_argument("--clients", type=int, default=4000)
    parser.add_argument("--watches", type=int, default=5000)
    parser.add_argument("--hold", type=float, default=30)
    parser.add_argument("--round", type=int, help="attack: which round against the same target, for the row's name")
    parser.add_argument("--workers", type=int, default=1, help="upstream: processes serving the cluster")
    a = parser.parse_args()
    raise_fd_limit()
    if a.mode == "upstream":
        serve_upstream(a.hold, a.workers)
    elif a.mode == "attack":
        asyncio.run(run_attack(a))
    else:
        table(*a.files)


if __name__ == "__main__":
    main()
