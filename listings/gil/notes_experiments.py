"""The notes' experiments in CPython: a CPU-bound job and an I/O-bound job,
each run one after another, on threads, on processes and with asyncio.

    python3 listings/gil/notes_experiments.py cpu [--jobs N] [--trials K]
    python3 listings/gil/notes_experiments.py io [--trials K]

Prints one line per way of running the job: its name, then the time of
every trial in seconds. The ways take turns, in a different order in each
trial, so that noise on a shared machine falls on all of them alike.
"""

import argparse
import asyncio
import multiprocessing
import os
import threading
import time


# ANCHOR: jobs
def count_down(n):
    """CPU-bound: David Beazley's loop, nothing but Python bytecode."""
    while n > 0:
        n -= 1


def wait(seconds):
    """I/O-bound: time.sleep releases the GIL while it waits."""
    time.sleep(seconds)


async def count_down_async(n):
    count_down(n)  # never awaits, so it never lets another task run


async def wait_async(seconds):
    await asyncio.sleep(seconds)
# ANCHOR_END: jobs


# ANCHOR: ways
def one_after_another(job, args):
    for arg in args:
        job(arg)


def on_threads(job, args):
    threads = [threading.Thread(target=job, args=(arg,)) for arg in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def on_processes(job, args):
    with multiprocessing.Pool() as pool:  # a process per core
        pool.map(job, args, chunksize=1)


def with_asyncio(job, args):
    async def main():
        await asyncio.gather(*(job(arg) for arg in args))

    asyncio.run(main())
# ANCHOR_END: ways


def calibrate(seconds):
    """A count for count_down that takes about `seconds` on this machine.
    Each guess is timed at its full size (the best of three tries, as noise
    only ever adds time) and corrected until it is within 10%."""
    n = 100_000
    while True:
        took = min(timed(lambda: count_down(n)) for _ in range(3))
        if abs(took - seconds) < 0.1 * seconds:
            return n
        n = int(n * seconds / took) if took > 0.01 else n * 10


def timed(run):
    t0 = time.perf_counter()
    run()
    return time.perf_counter() - t0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("job", choices=["cpu", "io"])
    # Four jobs per core: a core that runs slower than the others for a
    # while then takes fewer of them, instead of keeping the rest waiting.
    parser.add_argument("--jobs", type=int, default=4 * os.cpu_count())
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument(
        "--seconds", type=float, default=0.05, help="CPU-bound: time per count_down"
    )
    args = parser.parse_args()

    if args.job == "cpu":
        n = calibrate(args.seconds)
        jobs = [n] * args.jobs
        print(f"# count_down({n:,}) x {args.jobs}")
        ways = {
            "one-after-another": lambda: one_after_another(count_down, jobs),
            "threads": lambda: on_threads(count_down, jobs),
            "processes": lambda: on_processes(count_down, jobs),
            "asyncio": lambda: with_asyncio(count_down_async, jobs),
        }
    else:
        jobs = [0.1] * 10
        print("# wait(0.1) x 10")
        ways = {
            "one-after-another": lambda: one_after_another(wait, jobs),
            "threads": lambda: on_threads(wait, jobs),
            "processes": lambda: on_processes(wait, jobs),
            "asyncio": lambda: with_asyncio(wait_async, jobs),
        }

    names = list(ways)
    times = {name: [] for name in names}
    for trial in range(args.trials):
        shift = trial % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(timed(ways[name]))
    for name in names:
        print(name, " ".join(f"{t:.6f}" for t in times[name]))


if __name__ == "__main__":
    main()
