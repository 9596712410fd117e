"""Pedestrian routing against Valhalla (issue 4): the same seeded pairs, foot and wheelchair, in the same run.

Pairs: ``--pairs`` origin-destination pairs drawn the way the peer's ``bench.py`` draws them (nodes of ways whose
``highway`` is walkable, sorted by (lat, lon), ``random.Random(seed)``, two ``randrange`` draws per try, kept when
0.2..``--max-km`` km apart by haversine), written to a CSV that the peer then reads with ``PAIRS=``, so both sides
answer exactly the same queries.

Peer: Valhalla (PyPI ``pyvalhalla`` 3.9.x) in its own Python 3.12 venv under ``--peer-dir`` (default
``$TMPDIR/barrierfree-valhalla-peer``), set up by ``../shared/tools/valhalla-peer/build-tiles.sh``; the tiles are
rebuilt only when the PBF's SHA-256 changes. Its latency is what ``bench.py`` prints for the ``foot/none`` and
``wheelchair/none`` variants (``--peer-variant instructions``: the ``/instructions`` ones, which like ours write
the maneuvers) (``Actor.route`` wall time, one thread, one warm-up query). One extra pass through
the Actor (``PEER_PROBE`` below) records which pairs it routes and how long each route is, and, for each wheelchair
miss, whether the origin or the destination is cut off from the rest of its wheelchair network.

Ours: ``routing.build_graph`` and ``graph.save`` in a child process (build seconds; the child's peak resident memory,
its VmHWM since exec; both per million OSM nodes of the PBF), ``routing.load_graph`` in this process
(timed), then ``routing.plan_route`` on every pair with the ``foot`` and ``manual_wheelchair`` profiles, one thread,
after one warm-up query, like the peer. A query that ends in ``NoRoute`` or another ``RoutingError`` is timed too
(as the peer's failures are) and counts as not found; every wheelchair miss is printed with its explanation.

Figures: per run, median and p95 (the peer's convention: the ``int(0.95 * (n - 1))``-th of the sorted latencies);
over ``--repeats`` runs (the two sides alternate), the median of the runs' medians and of their p95s, and ours over
the peer's. Goals: median <= 1.0x and p95 <= 1.5x the peer's; wheelchair routes found >= the peer's (67 of 100 on
Heidelberg) with every miss explained; build <= 15 s on Heidelberg, <= 60 s and <= 600 MB peak per million OSM
nodes; a live barrier report reflected in the next query within 100 ms (``LIVE_REPORTS`` reports, each filed on a
middle arc of a wheelchair route in a throwaway SQLite database, timed from filing to the next ``plan_with_reports``
answer that avoids it; median and worst). The machine is shared: the load
average is printed at the start and end, and every run's figures are printed.

    python benchmarks/routing_valhalla.py [--pbf ../shared/data/osm/heidelberg.osm.pbf] [--pairs 100] [--seed 42]
        [--max-km 3.0] [--repeats 3] [--peer-dir DIR] [--peer-python PY] [--no-peer] [--json OUT]

Exit status: 0 when every measured goal is met, 1 when one is missed, 2 when a side could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import math
import os
import random
import re
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # one thread, like the peer's Actor

REPO = Path(__file__).resolve().parent.parent
PEER_TOOLS = REPO.parent / "shared" / "tools" / "valhalla-peer"
DEFAULT_PBF = REPO.parent / "shared" / "data" / "osm" / "heidelberg.osm.pbf"
DEFAULT_PEER_PYTHON = Path("/root/.pyenv/versions/3.12.1/bin/python")
PEER_VERSION = os.environ.get("PYVALHALLA_VERSION", "3.9.1")  # build-tiles.sh's pin

# The highway values whose nodes may be drawn as endpoints: the same set as the peer's bench.py.
WALKABLE_HIGHWAYS = frozenset(
    {
        "footway",
        "path",
        "pedestrian",
        "living_street",
        "residential",
        "service",
        "unclassified",
        "tertiary",
        "secondary",
        "steps",
        "track",
    }
)
MIN_KM = 0.2
EARTH_RADIUS_KM = 6371.0

PROFILES = {"foot": "foot", "wheelchair": "manual_wheelchair"}  # our name in the table -> our profile
PEER_VARIANTS = {"foot": "foot", "wheelchair": "wheelchair"}  # -> bench.py's costing; + "/none" or "/instructions"
GOAL_MEDIAN_RATIO = 1.0
GOAL_P95_RATIO = 1.5
GOAL_BUILD_S_HEIDELBERG = 15.0
GOAL_BUILD_S_PER_MILLION = 60.0
GOAL_PEAK_MB_PER_MILLION = 600.0
ISSUE_PEER_WHEELCHAIR_FOUND = 67  # Valhalla's count on Heidelberg's 100 pairs, quoted by the issue
SLOWEST_SHOWN = 5  # our slowest queries of each run, printed with whether they found a route
OUR_API = ("build_graph", "load_graph", "plan_route", "RouteRequest", "NoRoute", "RoutingError")
TAGS_SHOWN = ("highway", "surface", "smoothness", "tracktype", "wheelchair", "incline", "foot", "access", "sac_scale")

# Runs in the peer's venv: which pairs Valhalla routes (foot and wheelchair), their lengths, and for each wheelchair
# miss whether each end reaches a hub (an origin whose wheelchair pair was routed) by wheelchair.
PEER_PROBE = r"""
import json, sys
from valhalla import Actor
config, pairs_file, out_file = sys.argv[1:4]
pairs = json.load(open(pairs_file))
actor = Actor(config)
def route(a, b, wheelchair):
    request = {"locations": [{"lat": a[0], "lon": a[1]}, {"lat": b[0], "lon": b[1]}], "costing": "pedestrian",
               "directions_type": "none", "units": "kilometers"}
    if wheelchair:
        request["costing_options"] = {"pedestrian": {"type": "wheelchair"}}
    try:
        return {"m": round(actor.route(request)["trip"]["summary"]["length"] * 1000.0, 1)}
    except Exception as error:
        return {"error": str(error)[:160]}
result = {"foot": [], "wheelchair": [], "misses": {}}
for a, b in pairs:
    result["foot"].append(route(a, b, False))
    result["wheelchair"].append(route(a, b, True))
routed = [i for i, r in enumerate(result["wheelchair"]) if "m" in r]
if routed:
    hub = pairs[routed[0]][0]
    result["hub"] = hub
    for i, r in enumerate(result["wheelchair"]):
        if "error" in r:
            a, b = pairs[i]
            result["misses"][i] = {"origin_reaches_hub": "m" in route(a, hub, True),
                                   "hub_reaches_destination": "m" in route(hub, b, True)}
json.dump(result, open(out_file, "w"))
"""


# ---------------------------------------------------------------------------------------------------------- pairs


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = (math.radians(x) for x in (a[0], a[1], b[0], b[1]))
    half_chord = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(half_chord))


@dataclass
class Extract:
    osm_nodes: int
    candidates: list[tuple[float, float, int]]  # (lat, lon, node id), sorted


def read_extract(pbf: Path) -> Extract:
    import osmium

    walkable_nodes: set[int] = set()
    for way in osmium.FileProcessor(str(pbf), osmium.osm.WAY):
        if way.tags.get("highway") in WALKABLE_HIGHWAYS:
            walkable_nodes.update(ref.ref for ref in way.nodes)
    osm_nodes = 0
    candidates = []
    for node in osmium.FileProcessor(str(pbf), osmium.osm.NODE):
        osm_nodes += 1
        if node.id in walkable_nodes and node.location.valid():
            candidates.append((node.location.lat, node.location.lon, node.id))
    # Sorting (lat, lon, id) orders the coordinates exactly as sorting (lat, lon) does.
    candidates.sort()
    return Extract(osm_nodes, candidates)


@dataclass(frozen=True)
class Pair:
    origin: tuple[float, float]
    destination: tuple[float, float]
    km: float
    node_ids: tuple[int, int]


def draw_pairs(extract: Extract, count: int, seed: int, max_km: float) -> list[Pair]:
    rng = random.Random(seed)  # noqa: S311 - reproducible pairs, not a secret
    points = extract.candidates
    pairs: list[Pair] = []
    while len(pairs) < count:
        first = points[rng.randrange(len(points))]
        second = points[rng.randrange(len(points))]
        km = haversine_km(first[:2], second[:2])
        if MIN_KM <= km <= max_km:
            pairs.append(Pair(first[:2], second[:2], km, (first[2], second[2])))
    return pairs


def write_pairs_csv(pairs: list[Pair], path: Path) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["from_lat", "from_lon", "to_lat", "to_lon"])
        for pair in pairs:  # repr keeps every digit, so the peer parses the very same floats
            writer.writerow(
                [repr(pair.origin[0]), repr(pair.origin[1]), repr(pair.destination[0]), repr(pair.destination[1])]
            )


def endpoint_tags(pbf: Path, node_ids: set[int]) -> dict[int, list[str]]:
    """For each node, a short description of every highway way through it (to explain misses)."""
    import osmium

    found: dict[int, list[str]] = {node: [] for node in node_ids}
    for way in osmium.FileProcessor(str(pbf), osmium.osm.WAY):
        if "highway" not in way.tags:
            continue
        hits = [ref.ref for ref in way.nodes if ref.ref in found]
        if hits:
            tags = {key: way.tags[key] for key in TAGS_SHOWN if key in way.tags and key != "highway"}
            text = (
                way.tags["highway"]
                + (f"({', '.join(f'{k}={v}' for k, v in tags.items())})" if tags else "")
                + f" w{way.id}"
            )
            for node in hits:
                found[node].append(text)
    return found


# ------------------------------------------------------------------------------------------------------- figures


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


@dataclass
class Run:
    median_ms: float
    p95_ms: float
    found: int
    total: int
    latencies_ms: list[float] = field(default_factory=list)  # per pair, ours only


def median_of(runs: list[Run], attribute: str) -> float:
    return statistics.median(getattr(run, attribute) for run in runs)


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# ---------------------------------------------------------------------------------------------------------- peer


@dataclass
class Peer:
    python: Path
    config: Path
    setup: dict[str, Any] = field(default_factory=dict)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ensure_peer(peer_dir: Path, pbf: Path, base_python: Path) -> Peer:
    """The peer's venv and tiles for this PBF, built once and reused while the PBF is unchanged."""
    venv = peer_dir / "venv"
    out = peer_dir / pbf.name.split(".")[0]
    python = venv / "bin" / "python"
    stamp_file = out / "barrierfree-stamp.json"
    stamp = {"pbf_sha256": sha256_of(pbf), "pbf_size": pbf.stat().st_size, "pyvalhalla": PEER_VERSION}
    tiles_ready = (out / "config.json").is_file() and any((out / "tiles").rglob("*.gph"))
    try:
        stamp_ok = json.loads(stamp_file.read_text()) == stamp
    except (OSError, ValueError):
        stamp_ok = False
    venv_ok = (
        python.is_file()
        and subprocess.run([python, "-c", "import valhalla, osmium"], capture_output=True).returncode == 0  # noqa: S603
    )
    if tiles_ready and stamp_ok and venv_ok:
        print(f"peer: reusing {venv} and the tiles in {out / 'tiles'} (same PBF)", flush=True)
        return Peer(python, out / "config.json", {"built": False, "dir": str(out)})
    script = PEER_TOOLS / "build-tiles.sh"
    if not script.is_file():
        raise RuntimeError(f"the peer's build-tiles.sh is not at {script}")
    if not (python.is_file() or base_python.is_file()):
        raise RuntimeError(f"no Python 3.12 for the peer's venv at {base_python} (pass --peer-python)")
    print(f"peer: setting up {venv} and building tiles for {pbf.name} in {out} ...", flush=True)
    peer_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - the shared peer script, our arguments
        ["/bin/bash", str(script), str(venv), str(pbf), str(out)],
        env={**os.environ, "PYTHON": str(base_python)},
        capture_output=True,
        text=True,
    )
    setup_s = time.perf_counter() - started
    output = done.stdout + done.stderr
    if done.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-15:])
        raise RuntimeError(f"build-tiles.sh failed ({done.returncode}):\n{tail}")
    setup: dict[str, Any] = {"built": True, "dir": str(out), "setup_s": round(setup_s, 1)}
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", output)
    if wall:
        seconds = 0.0
        for part in wall.group(1).split(":"):
            seconds = seconds * 60 + float(part)
        setup["tiles_s"] = seconds
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", output)
    if peak:
        setup["tiles_peak_mb"] = round(int(peak.group(1)) / 1024, 1)
    smoke = [line for line in output.splitlines() if line.startswith(("pyvalhalla", "no wheelchair route"))]
    print(
        f"peer: tiles built in {setup.get('tiles_s', '?')} s wall, peak {setup.get('tiles_peak_mb', '?')} MB "
        f"(venv and tiles {setup_s:.1f} s in all); smoke query: {smoke[-1] if smoke else 'none printed'}",
        flush=True,
    )
    stamp_file.write_text(json.dumps(stamp))
    return Peer(python, out / "config.json", setup)


def run_peer_bench(
    peer: Peer, pbf: Path, pairs_csv: Path, pairs: list[Pair], args: argparse.Namespace, work: Path
) -> dict:
    out = work / "valhalla.json"
    command = [
        str(peer.python),
        str(PEER_TOOLS / "bench.py"),
        str(peer.config),
        str(pbf),
        str(len(pairs)),
        str(args.seed),
        str(args.max_km),
        str(out),
    ]
    env = {**os.environ, "PAIRS": str(pairs_csv)}
    done = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 - the peer's venv and script
    if done.returncode != 0 or not out.is_file():
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise RuntimeError(f"the peer's bench.py failed ({done.returncode}):\n{tail}")
    result = json.loads(out.read_text())
    read_back = [tuple(row) for row in result["pairs"]]
    expected = [(*pair.origin, *pair.destination) for pair in pairs]
    if read_back != expected:
        raise RuntimeError("the peer's bench.py did not route the pairs of our CSV")
    return result


def probe_peer(peer: Peer, pairs: list[Pair], work: Path) -> dict:
    pairs_file = work / "probe-pairs.json"
    pairs_file.write_text(json.dumps([[pair.origin, pair.destination] for pair in pairs]))
    out = work / "probe.json"
    done = subprocess.run(  # noqa: S603 - the peer's venv, our script
        [str(peer.python), "-c", PEER_PROBE, str(peer.config), str(pairs_file), str(out)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the peer probe failed: {done.stderr.strip()[-400:]}")
    probe = json.loads(out.read_text())
    probe["misses"] = {int(index): value for index, value in probe.get("misses", {}).items()}
    return probe


# ---------------------------------------------------------------------------------------------------------- ours


def our_engine() -> tuple[Any, str | None]:
    """``barrierfree.routing`` if it offers the API this benchmark calls, else (None, why not)."""
    try:
        from barrierfree import routing
    except Exception as error:  # an engine half written can fail on import in any way
        return None, f"`from barrierfree import routing` failed: {type(error).__name__}: {error}"
    missing = [name for name in OUR_API if not hasattr(routing, name)]
    if missing:
        return None, f"barrierfree.routing has no {', '.join(missing)} yet"
    return routing, None


def high_water_mb() -> float:
    """This process's peak resident memory since its exec (Linux VmHWM).

    Not getrusage: ru_maxrss survives execve, so a child forked from this benchmark would report the parent's
    memory (the extract it read to draw the pairs) as its own.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_child(pbf: str, graph_path: str) -> int:
    """Internal (``--build-child``): build and save our graph in this fresh process and print the figures as JSON."""
    started = time.perf_counter()
    from barrierfree import routing

    import_s = time.perf_counter() - started
    baseline_mb = high_water_mb()
    started = time.perf_counter()
    graph = routing.build_graph(Path(pbf), dem=())
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    graph.save(Path(graph_path))
    save_s = time.perf_counter() - started
    figures = {
        "import_s": import_s,
        "build_s": build_s,
        "save_s": save_s,
        "baseline_mb": baseline_mb,
        "self_peak_mb": high_water_mb(),
    }
    print("BUILD " + json.dumps(figures), flush=True)
    return 0


def build_ours(pbf: Path, graph_path: Path) -> dict:
    done = subprocess.run(  # noqa: S603 - this interpreter and this script
        [sys.executable, str(Path(__file__).resolve()), "--build-child", str(pbf), str(graph_path)],
        capture_output=True,
        text=True,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("BUILD ")]
    if done.returncode != 0 or not lines:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        raise RuntimeError(f"our build failed ({done.returncode}):\n{tail}")
    figures = json.loads(lines[-1][len("BUILD ") :])
    figures["peak_mb"] = figures["self_peak_mb"]  # the child's own high-water mark since exec
    figures["graph_bytes"] = graph_path.stat().st_size if graph_path.is_file() else None
    return figures


@dataclass
class Miss:
    index: int
    kind: str
    message: str
    explanation: str | None


def run_ours(
    routing: Any, graph: Any, pairs: list[Pair], profile: str, explain: bool = False
) -> tuple[Run, list[Miss], list[float | None]]:
    """Time plan_route on every pair; with ``explain``, also the "what this route avoided" comparison it reads."""

    def query(pair: Pair) -> Any:
        request = routing.RouteRequest(origin=pair.origin, destination=pair.destination, profile=profile)
        route = routing.plan_route(graph, request)
        if explain:
            len(route.avoided)  # worked out when first read: a page, the API and the CLI always read it
        return route

    with contextlib.suppress(Exception):  # one warm-up query, like the peer's (its failure shows in the timed runs)
        query(pairs[0])
    latencies: list[float] = []
    misses: list[Miss] = []
    lengths: list[float | None] = []
    for index, pair in enumerate(pairs):
        started = time.perf_counter()
        try:
            route = query(pair)
        except routing.NoRoute as error:
            latencies.append((time.perf_counter() - started) * 1000)
            explanation = getattr(error, "explanation", None)
            misses.append(Miss(index, "no route", str(error), None if explanation is None else repr(explanation)[:600]))
            lengths.append(None)
            continue
        except routing.RoutingError as error:
            latencies.append((time.perf_counter() - started) * 1000)
            misses.append(Miss(index, type(error).__name__, str(error), None))
            lengths.append(None)
            continue
        except Exception as error:  # a bug in ours: counted and shown, the benchmark goes on
            latencies.append((time.perf_counter() - started) * 1000)
            trace = traceback.format_exc(limit=3).strip().splitlines()
            misses.append(Miss(index, f"crash {type(error).__name__}", str(error), " | ".join(trace[-3:])))
            lengths.append(None)
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        lengths.append(float(route.length_m))
    run = Run(statistics.median(latencies), p95(latencies), len(pairs) - len(misses), len(pairs), latencies)
    return run, misses, lengths


# ---------------------------------------------------------------------------------------------------------- main


def fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "-" if value is None else pattern.format(value)


def verdict(ok: bool | None) -> str:
    return "n/a " if ok is None else ("PASS" if ok else "FAIL")


@dataclass
class Measured:
    ours: dict[str, list[Run]] = field(default_factory=lambda: {name: [] for name in PROFILES})
    peer: dict[str, list[Run]] = field(default_factory=lambda: {name: [] for name in PROFILES})
    ours_misses: dict[str, list[Miss]] = field(default_factory=dict)  # from the last run
    ours_lengths: dict[str, list[float | None]] = field(default_factory=dict)  # from the last run
    runs: list[dict] = field(default_factory=list)
    live_report_ms: list[float] = field(default_factory=list)
    wheelchair_explained: list[Run] = field(default_factory=list)


def measure_peer_once(
    peer: Peer,
    pbf: Path,
    pairs_csv: Path,
    pairs: list[Pair],
    args: argparse.Namespace,
    work: Path,
    repeat: int,
    measured: Measured,
    record: dict,
) -> None:
    result = run_peer_bench(peer, pbf, pairs_csv, pairs, args, work)
    record["peer"] = result["variants"]
    for name, costing in PEER_VARIANTS.items():
        figures = result["variants"][f"{costing}/{args.peer_variant}"]
        run = Run(figures["median_ms"], figures["p95_ms"], figures["ok"], figures["ok"] + figures["fail"])
        measured.peer[name].append(run)
        print(
            f"run {repeat} Valhalla {name:<10} median {run.median_ms:6.2f} ms  p95 {run.p95_ms:6.2f} ms  "
            f"found {run.found}/{run.total}  errors {figures['errors'] or '-'}",
            flush=True,
        )


def measure_ours_once(
    routing: Any, graph: Any, pairs: list[Pair], repeat: int, measured: Measured, record: dict
) -> None:
    record["ours"] = {}
    explained, _misses, _lengths = run_ours(routing, graph, pairs, PROFILES["wheelchair"], explain=True)
    measured.wheelchair_explained.append(explained)
    record["ours"]["wheelchair_explained"] = dict(explained.__dict__)
    print(
        f"run {repeat} ours     wheelchair, reading what it avoided: median {explained.median_ms:6.2f} ms  "
        f"p95 {explained.p95_ms:6.2f} ms (a second, walking search; not in the goal figures below)",
        flush=True,
    )
    for name, profile in PROFILES.items():
        run, misses, lengths = run_ours(routing, graph, pairs, profile)
        measured.ours[name].append(run)
        measured.ours_misses[name], measured.ours_lengths[name] = misses, lengths
        record["ours"][name] = dict(run.__dict__)
        kinds: dict[str, int] = {}
        for miss in misses:
            kinds[miss.kind] = kinds.get(miss.kind, 0) + 1
        print(
            f"run {repeat} ours     {name:<10} median {run.median_ms:6.2f} ms  p95 {run.p95_ms:6.2f} ms  "
            f"found {run.found}/{run.total}  misses {kinds or '-'}",
            flush=True,
        )
        missed = {miss.index: miss.kind for miss in misses}
        slowest = sorted(range(len(pairs)), key=lambda index: -run.latencies_ms[index])[:SLOWEST_SHOWN]
        print(
            "      slowest: "
            + ", ".join(f"pair {i} {run.latencies_ms[i]:.1f} ms ({missed.get(i, 'found')})" for i in slowest),
            flush=True,
        )


def show_wheelchair_misses(
    pbf: Path, pairs: list[Pair], probe: dict | None, measured: Measured, have_ours: bool
) -> list:
    """Every wheelchair miss of either side: what the other side did, and the ways at both ends."""
    peer_misses: dict[int, dict] = probe["misses"] if probe else {}
    ours_misses = {miss.index: miss for miss in measured.ours_misses.get("wheelchair", [])}
    shown = sorted(set(peer_misses) | set(ours_misses))
    if not shown:
        return []
    tags = endpoint_tags(pbf, {node for index in shown for node in pairs[index].node_ids})
    print(
        f"\nwheelchair misses: ours {len(ours_misses) if have_ours else '-'}, Valhalla {len(peer_misses) if probe else '-'}"
        " (Valhalla: which end cannot reach, by wheelchair, an origin of a pair it routes)"
    )
    cut_off_highways: dict[str, int] = {}
    listed = []
    for index in shown:
        pair = pairs[index]
        ends = [
            f"{label} n{node}: {'; '.join(tags.get(node) or ['no highway way'])}"
            for label, node in (("from", pair.node_ids[0]), ("to", pair.node_ids[1]))
        ]
        lines = [f"  pair {index:3d} ({pair.km:.2f} km)"]
        if probe and index in peer_misses:
            reach = peer_misses[index]
            cut = [
                (end, node)
                for end, node, ok in (
                    ("origin", pair.node_ids[0], reach["origin_reaches_hub"]),
                    ("destination", pair.node_ids[1], reach["hub_reaches_destination"]),
                )
                if not ok
            ]
            for _, node in cut:
                highway = (tags.get(node) or ["?"])[0].split("(")[0].split(" ")[0]
                cut_off_highways[highway] = cut_off_highways.get(highway, 0) + 1
            where = ", ".join(end for end, _ in cut) + " cut off" if cut else "both ends reach the hub"
            lines.append(f"    Valhalla: no route ({where})")
        elif probe:
            lines.append(f"    Valhalla: {probe['wheelchair'][index]['m'] / 1000:.2f} km")
        if have_ours:
            miss = ours_misses.get(index)
            if miss is None:
                lines.append(f"    ours: {fmt((measured.ours_lengths['wheelchair'][index] or 0) / 1000)} km")
            else:
                lines.append(f"    ours: {miss.kind}: {miss.message}")
                if miss.explanation:
                    lines.append(f"      explanation: {miss.explanation}")
        lines.extend(f"    {end}" for end in ends)
        print("\n".join(lines))
        listed.append(
            {
                "pair": index,
                "ends": ends,
                "peer": peer_misses.get(index),
                "ours": ours_misses[index].__dict__ if index in ours_misses else None,
            }
        )
    if cut_off_highways:
        ordered = sorted(cut_off_highways.items(), key=lambda item: -item[1])
        print("  Valhalla's cut-off ends lie on: " + ", ".join(f"{highway} {count}" for highway, count in ordered))
    return listed


def length_ratios(probe: dict, measured: Measured) -> dict:
    """Ours / Valhalla route length per pair both route: the median, and the extremes with their pair numbers."""
    print("\nroute length, ours / Valhalla, over the pairs both sides route:")
    ratios_by_profile = {}
    for name in PROFILES:
        ratios = sorted(
            (ours_m / peer["m"], index)
            for index, (ours_m, peer) in enumerate(zip(measured.ours_lengths[name], probe[name], strict=True))
            if ours_m and peer.get("m")
        )
        if not ratios:
            continue
        figures = {
            "median": statistics.median(ratio for ratio, _ in ratios),
            "lowest": [[index, ratio] for ratio, index in ratios[:3]],
            "highest": [[index, ratio] for ratio, index in ratios[-3:][::-1]],
            "pairs": len(ratios),
        }
        ratios_by_profile[name] = figures
        lowest = ", ".join(f"{ratio:.3f} (pair {index})" for index, ratio in figures["lowest"])
        highest = ", ".join(f"{ratio:.3f} (pair {index})" for index, ratio in figures["highest"])
        print(
            f"  {name:<10} median {figures['median']:.3f} over {figures['pairs']} pairs; lowest {lowest}; highest {highest}"
        )
    return ratios_by_profile


def summarize(measured: Measured, repeats: int) -> dict:
    print(f"\nmedian over {repeats} run(s) of each run's median and p95 (ms); x = ours / Valhalla")
    print(
        f"{'profile':<11} {'ours med':>9} {'ours p95':>9} {'Valh med':>9} {'Valh p95':>9} {'x med':>7} {'x p95':>7}"
        f" {'found ours/Valh':>16}"
    )
    summary = {}
    for name in PROFILES:
        ours, peer = measured.ours[name], measured.peer[name]
        row: dict[str, Any] = {
            "ours_median_ms": median_of(ours, "median_ms") if ours else None,
            "ours_p95_ms": median_of(ours, "p95_ms") if ours else None,
            "ours_found": min(run.found for run in ours) if ours else None,
            "peer_median_ms": median_of(peer, "median_ms") if peer else None,
            "peer_p95_ms": median_of(peer, "p95_ms") if peer else None,
            "peer_found": min(run.found for run in peer) if peer else None,
        }
        both = bool(ours and peer)
        row["ratio_median"] = row["ours_median_ms"] / row["peer_median_ms"] if both else None
        row["ratio_p95"] = row["ours_p95_ms"] / row["peer_p95_ms"] if both else None
        summary[name] = row
        found = f"{fmt(row['ours_found'], '{}')}/{fmt(row['peer_found'], '{}')}"
        print(
            f"{name:<11} {fmt(row['ours_median_ms']):>9} {fmt(row['ours_p95_ms']):>9} {fmt(row['peer_median_ms']):>9} "
            f"{fmt(row['peer_p95_ms']):>9} {fmt(row['ratio_median']):>7} {fmt(row['ratio_p95']):>7} {found:>16}"
        )
    return summary


def judge(summary: dict, build: dict | None, pbf: Path, measured: Measured, have_ours: bool, issue_setup: bool) -> list:
    goals: list[tuple[str, bool | None]] = []
    for name in PROFILES:
        row = summary[name]
        for key, limit, label in (("ratio_median", GOAL_MEDIAN_RATIO, "median"), ("ratio_p95", GOAL_P95_RATIO, "p95")):
            ok = None if row[key] is None else row[key] <= limit
            goals.append((f"{name} {label} <= {limit}x Valhalla's ({fmt(row[key])}x)", ok))
    wheel = summary["wheelchair"]
    reference, source = wheel["peer_found"], "Valhalla's in this run"
    if reference is None:
        reference = ISSUE_PEER_WHEELCHAIR_FOUND if issue_setup else None
        source = "the issue's Valhalla figure; peer not run" if issue_setup else "peer not run"
    ok = None if wheel["ours_found"] is None or reference is None else wheel["ours_found"] >= reference
    goals.append(
        (f"wheelchair routes found >= {fmt(reference, '{}')} ({source}): ours {fmt(wheel['ours_found'], '{}')}", ok)
    )
    if have_ours:
        unexplained = [
            miss.index
            for miss in measured.ours_misses["wheelchair"]
            if not miss.message.strip() or miss.kind.startswith("crash")
        ]
        goals.append(
            (
                f"every wheelchair miss of ours explained (unexplained or crashed: {unexplained or 'none'})",
                not unexplained,
            )
        )
    build_figures = build or {}
    build_goals = [
        ("build_s", GOAL_BUILD_S_HEIDELBERG, "build <= {:.0f} s on Heidelberg ({} s)", "{:.2f}"),
        ("s_per_million", GOAL_BUILD_S_PER_MILLION, "build <= {:.0f} s per million OSM nodes ({})", "{:.1f}"),
        ("mb_per_million", GOAL_PEAK_MB_PER_MILLION, "build peak <= {:.0f} MB per million OSM nodes ({})", "{:.0f}"),
    ]
    for key, limit, text, pattern in build_goals:
        if key == "build_s" and "heidelberg" not in pbf.name:
            continue  # the 15 s goal is Heidelberg's; the per-million goals hold for any extract
        value = build_figures.get(key)
        goals.append((text.format(limit, fmt(value, pattern)), None if value is None else value <= limit))
    live = measured.live_report_ms
    if live:
        worst = max(live)
        text = f"live report reflected in the next query <= {GOAL_LIVE_REPORT_MS:.0f} ms (median {statistics.median(live):.1f}, worst {worst:.1f} ms of {len(live)})"
        goals.append((text, worst <= GOAL_LIVE_REPORT_MS))
    else:
        goals.append(("live report reflected in the next query <= 100 ms (not measured: ours did not run)", None))
    print("\ngoals:")
    for text, ok in goals:
        print(f"  {verdict(ok)}  {text}")
    return goals


LIVE_REPORTS = 20
GOAL_LIVE_REPORT_MS = 100.0


def measure_live_reports(routing: Any, graph: Any, pairs: list[Pair], work: Path) -> list[float]:
    """File a report on a middle arc of each of LIVE_REPORTS wheelchair routes; time filing -> the next route avoiding it."""
    from barrierfree.core.accounts import services as accounts
    from barrierfree.core.db import Database
    from barrierfree.core.migrate import upgrade
    from barrierfree.routing import services
    from barrierfree.routing.models import BarrierKind

    url = f"sqlite:///{work / 'live-reports.sqlite3'}"
    upgrade(url)
    database = Database(url)
    with database.session() as session:
        accounts.sign_up(session, username="bench.reporter", password=secrets.token_urlsafe(16))
    timings: list[float] = []
    for index, pair in enumerate(pairs):
        if len(timings) >= LIVE_REPORTS:
            break
        request = routing.RouteRequest(pair.origin, pair.destination, "manual_wheelchair", language="en")
        try:
            with database.session() as session:
                before = services.plan_with_reports(session, graph, request)
        except routing.RoutingError:
            continue
        if len(before.arcs) < 3:
            continue
        arc = before.arcs[len(before.arcs) // 2]
        lats, lons = graph.shape_of(arc)
        middle = len(lats) // 2  # halfway between two shape points, so never on a junction other paths share
        where = (float(lats[middle - 1] + lats[middle]) / 2, float(lons[middle - 1] + lons[middle]) / 2)
        started = time.perf_counter()
        with database.session() as session:
            reporter = accounts.get_user(session, "bench.reporter")
            services.report_barrier(session, reporter, BarrierKind.WORKS, *where)
        try:
            with database.session() as session:
                after = services.plan_with_reports(session, graph, request)
            reflected = arc not in after.arcs and graph.arcs["twin"][arc] not in after.arcs
        except routing.RoutingError:
            reflected = True  # the only way was closed: the answer says so
        elapsed = (time.perf_counter() - started) * 1000
        if not reflected:
            print(f"live report on pair {index}: the next route still uses the reported arc", flush=True)
            elapsed = float("inf")
        timings.append(elapsed)
    database.dispose()
    if timings:
        print(
            f"live reports: {len(timings)} filed; filing -> next route avoiding it: median "
            f"{statistics.median(timings):.1f} ms, worst {max(timings):.1f} ms",
            flush=True,
        )
    return timings


def prepare_ours(pbf: Path, work: Path, millions: float, report: dict) -> tuple[Any, Any]:
    """Our engine and its graph (built in a child, loaded here), or (None, None) with the reason printed."""
    routing, unavailable = our_engine()
    if routing is None:
        print(f"ours: NOT AVAILABLE: {unavailable}", flush=True)
        report["ours_unavailable"] = unavailable
        return None, None
    try:
        build = build_ours(pbf, work / "graph.bin")
        started = time.perf_counter()
        graph = routing.load_graph(work / "graph.bin")
        build["load_s"] = time.perf_counter() - started
    except Exception as error:  # report a half-written engine's failure and go on with the peer
        print(f"ours: BUILD OR LOAD FAILED: {type(error).__name__}: {error}", flush=True)
        report["ours_unavailable"] = f"build or load failed: {error}"
        return None, None
    build["s_per_million"] = build["build_s"] / millions
    build["mb_per_million"] = build["peak_mb"] / millions
    report["ours_build"] = build
    size = build["graph_bytes"]
    print(
        f"ours: build {build['build_s']:.2f} s ({build['s_per_million']:.1f} s per million nodes), "
        f"save {build['save_s']:.2f} s, load {build['load_s']:.2f} s; peak {build['peak_mb']:.0f} MB "
        f"({build['mb_per_million']:.0f} MB per million nodes; {build['baseline_mb']:.0f} MB of it after the imports); "
        f"graph file {fmt(size and size / 1e6, '{:.1f}')} MB",
        flush=True,
    )
    return routing, graph


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pbf", type=Path, default=DEFAULT_PBF)
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--max-km", type=float, default=3.0)
    parser.add_argument("--repeats", type=int, default=3)
    default_peer_dir = Path(tempfile.gettempdir()) / "barrierfree-valhalla-peer"
    parser.add_argument("--peer-dir", type=Path, default=default_peer_dir, help="the peer's cached venv and tiles")
    parser.add_argument(
        "--peer-python", type=Path, default=DEFAULT_PEER_PYTHON, help="a Python 3.12 for the peer's venv"
    )
    parser.add_argument("--no-peer", action="store_true", help="run ours only")
    parser.add_argument(
        "--peer-variant",
        choices=("none", "instructions"),
        default="none",
        help="the peer's timing to compare with: routes without maneuvers (the default, stricter) or with "
        "maneuvers and instructions, as ours always writes",
    )
    parser.add_argument("--json", type=Path, help="write every figure here")
    parser.add_argument("--build-child", nargs=2, metavar=("PBF", "GRAPH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_child:
        return build_child(*args.build_child)
    pbf = args.pbf.resolve()
    if not pbf.is_file():
        print(f"no PBF at {pbf}", file=sys.stderr)
        return 2
    report: dict[str, Any] = {"pbf": str(pbf), "pairs": args.pairs, "seed": args.seed, "max_km": args.max_km}
    report["load_start"] = load_average()
    print(f"load average at start: {report['load_start']}  repeats={args.repeats}  pbf={pbf.name}", flush=True)

    started = time.perf_counter()
    extract = read_extract(pbf)
    pairs = draw_pairs(extract, args.pairs, args.seed, args.max_km)
    millions = extract.osm_nodes / 1e6
    print(
        f"{extract.osm_nodes:,} OSM nodes, {len(extract.candidates):,} walkable candidates; {len(pairs)} pairs "
        f"{min(p.km for p in pairs):.2f}-{max(p.km for p in pairs):.2f} km apart "
        f"(median {statistics.median(p.km for p in pairs):.2f}), drawn in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    report.update(osm_nodes=extract.osm_nodes, candidates=len(extract.candidates))
    report["pair_list"] = [[*pair.origin, *pair.destination, round(pair.km, 4)] for pair in pairs]

    status = 0
    measured = Measured()
    probe = None
    with tempfile.TemporaryDirectory(prefix="routing-valhalla-") as folder:
        work = Path(folder)
        pairs_csv = work / "pairs.csv"
        write_pairs_csv(pairs, pairs_csv)
        # Ours first, so that RUSAGE_CHILDREN holds the build child's peak and no larger one.
        routing, graph = prepare_ours(pbf, work, millions, report)
        if graph is None:
            status = 2
        peer = None
        if not args.no_peer:
            try:
                peer = ensure_peer(args.peer_dir.resolve(), pbf, args.peer_python)
                report["peer_setup"] = peer.setup
            except Exception as error:
                print(f"peer: SETUP FAILED: {error}", flush=True)
                report["peer_unavailable"] = str(error)
                status = 2
        if graph is None and peer is None:
            return 2
        for repeat in range(1, args.repeats + 1):  # the sides alternate, so a drifting machine affects both
            record: dict[str, Any] = {"repeat": repeat, "load": load_average()}
            if peer is not None:
                try:
                    measure_peer_once(peer, pbf, pairs_csv, pairs, args, work, repeat, measured, record)
                except Exception as error:
                    print(f"peer: RUN FAILED: {error}", flush=True)
                    report["peer_unavailable"] = str(error)
                    peer, status = None, 2
            if graph is not None:
                measure_ours_once(routing, graph, pairs, repeat, measured, record)
            measured.runs.append(record)
        if graph is not None:
            measured.live_report_ms = measure_live_reports(routing, graph, pairs, work)
            report["live_report_ms"] = measured.live_report_ms
        if peer is not None:
            try:
                probe = probe_peer(peer, pairs, work)
                report["peer_probe"] = probe
            except Exception as error:
                print(f"peer: probe failed: {error}", flush=True)
    report["runs"] = measured.runs

    have_ours = graph is not None
    if have_ours:
        for name in PROFILES:
            for miss in [miss for miss in measured.ours_misses[name] if miss.kind.startswith("crash")][:5]:
                print(f"ours {name}: CRASH on pair {miss.index}: {miss.message} [{miss.explanation}]")
        for miss in measured.ours_misses["foot"]:  # Valhalla routes every foot pair, so each of ours is worth a look
            print(f"ours foot: pair {miss.index}: {miss.kind}: {miss.message}")
        report["ours_misses"] = {
            name: [miss.__dict__ for miss in misses] for name, misses in measured.ours_misses.items()
        }
    report["wheelchair_misses"] = show_wheelchair_misses(pbf, pairs, probe, measured, have_ours)
    if probe and have_ours:
        report["length_ratio"] = length_ratios(probe, measured)
    report["summary"] = summary = summarize(measured, args.repeats)
    # The issue's 67 of 100 holds for its own setup only: Heidelberg, 100 pairs, seed 42, up to 3 km.
    issue_setup = pbf.name == DEFAULT_PBF.name and (args.pairs, args.seed, args.max_km) == (100, 42, 3.0)
    goals = judge(summary, report.get("ours_build"), pbf, measured, have_ours, issue_setup)
    report["goals"] = [{"goal": text, "ok": ok} for text, ok in goals]
    if status == 0 and any(ok is False for _, ok in goals):
        status = 1
    report["load_end"] = load_average()
    print(f"load average at end: {report['load_end']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))
        print(f"wrote {args.json}")
    return status


if __name__ == "__main__":
    sys.exit(main())
