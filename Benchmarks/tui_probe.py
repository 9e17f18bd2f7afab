#!/usr/bin/env python3
"""Measures the dashboard through a real pseudo-terminal, as a terminal emulator sees it.

    python3 tui_probe.py BINARY STORE [--idle SECONDS] [--cols 100 --rows 30]

Prints one line per figure, `name<TAB>value<TAB>unit`:
  first_frame_ms      exec until the first full frame has been written (median of 5 starts)
  full_frame_bytes    bytes of that first frame (a full repaint of the screen)
  row_move_bytes      bytes written per keystroke moving the selection one row (j/k), median
  pane_switch_bytes   bytes written per Tab (focus moves to the next pane), median
  key_cpu_ms          CPU time (user+sys) of the program per navigation keystroke, over 200 keys
  idle_cpu_pct        CPU used while idle with a timer running, over --idle seconds
  idle_bytes_per_s    bytes written per second while idle with a timer running
  peak_rss_mib        the program's peak resident memory (VmHWM) over all of the above
Stdlib only.
"""
import argparse, fcntl, os, select, statistics, struct, subprocess, sys, termios, time

def spawn(binary, store, cols, rows, extra_env):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", **extra_env)
    env.pop("NO_COLOR", None)
    def child():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    p = subprocess.Popen([binary, "--store", store], stdin=slave, stdout=slave, stderr=slave,
                         env=env, preexec_fn=child, close_fds=True)
    os.close(slave)
    return p, master

def read_until(fd, predicate, timeout):
    """Reads until predicate(bytes so far) holds; returns (bytes, seconds waited) or (bytes, None)."""
    data = b""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        r, _, _ = select.select([fd], [], [], 0.01)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            data += chunk
            if predicate(data):
                return data, time.perf_counter() - start
    return data, None

def drain(fd, quiet=0.15, limit=3.0):
    """Reads until nothing arrives for `quiet` seconds; returns the bytes."""
    data = b""
    start = time.perf_counter()
    last = start
    while time.perf_counter() - start < limit:
        r, _, _ = select.select([fd], [], [], 0.01)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if chunk:
                data += chunk
                last = time.perf_counter()
        elif time.perf_counter() - last > quiet:
            break
    return data

def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def stop(p, fd):
    os.write(fd, b"q")
    try:
        p.wait(timeout=5)
    except subprocess.TimeoutExpired:
        p.kill()
    os.close(fd)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("store")
    ap.add_argument("--idle", type=float, default=60)
    ap.add_argument("--cols", type=int, default=100)
    ap.add_argument("--rows", type=int, default=30)
    a = ap.parse_args()
    # The key bar is the last thing on the first frame.
    done = lambda d: b"filter" in d and b"quit" in d

    starts, full = [], None
    for _ in range(5):
        t0 = time.perf_counter()
        p, fd = spawn(a.binary, a.store, a.cols, a.rows, {})
        data, _ = read_until(fd, done, 60)
        starts.append((time.perf_counter() - t0) * 1000)
        data += drain(fd, quiet=0.1)
        full = len(data)
        stop(p, fd)
    print(f"first_frame_ms\t{statistics.median(starts):.1f}\tms")
    print(f"full_frame_bytes\t{full}\tbytes")

    p, fd = spawn(a.binary, a.store, a.cols, a.rows, {})
    read_until(fd, done, 60)
    drain(fd)
    moves = []
    # Down the whole list and back up: every row's move counts, not only the first two rows'.
    for k in [b"j"] * 6 + [b"k"] * 6 + [b"j"] * 6 + [b"k"] * 6:
        os.write(fd, k)
        moves.append(len(drain(fd, quiet=0.08)))
    print(f"row_move_bytes\t{statistics.median(moves):.0f}\tbytes")
    tabs = []
    for _ in range(9):
        os.write(fd, b"\t")
        tabs.append(len(drain(fd, quiet=0.08)))
    print(f"pane_switch_bytes\t{statistics.median(tabs):.0f}\tbytes")
    # CPU per keystroke: 200 keys, each answered before the next is sent.
    c0 = cpu_seconds(p.pid)
    for k in [b"j", b"k"] * 100:
        os.write(fd, k)
        drain(fd, quiet=0.02)
    c1 = cpu_seconds(p.pid)
    print(f"key_cpu_ms\t{(c1 - c0) / 200 * 1000:.2f}\tms")
    # Idle with a timer running.
    os.write(fd, b"1t")
    drain(fd, quiet=0.3)
    c0, t0 = cpu_seconds(p.pid), time.perf_counter()
    idle = drain(fd, quiet=a.idle + 5, limit=a.idle)
    c1, t1 = cpu_seconds(p.pid), time.perf_counter()
    print(f"idle_cpu_pct\t{(c1 - c0) / (t1 - t0) * 100:.2f}\t%")
    print(f"idle_bytes_per_s\t{len(idle) / (t1 - t0):.0f}\tbytes/s")
    os.write(fd, b"t")
    drain(fd, quiet=0.3)
    with open(f"/proc/{p.pid}/status") as f:
        hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    print(f"peak_rss_mib\t{hwm / 1024:.0f}\tMiB")
    stop(p, fd)

if __name__ == "__main__":
    main()
