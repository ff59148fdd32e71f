"""Print scripts/bench.sh's one table: the harness's JSON plus the size and parse rows.

`table.py RESULTS.json [--size-zip BYTES --size-raw BYTES --size-arch ARCH]
[--parse NAME=NS ...]`. Markdown, so BENCHMARKS.md can hold it as printed.
"""
import argparse
import json


def main():
    p = argparse.ArgumentParser()
    p.add_argument("results")
    p.add_argument("--size-zip", type=int)
    p.add_argument("--size-raw", type=int)
    p.add_argument("--size-arch", default="arm64")
    p.add_argument("--parse", action="append", default=[], metavar="NAME=NS")
    a = p.parse_args()
    with open(a.results) as f:
        r = json.load(f)
    subjects = r["subjects"]
    ours = subjects[0]
    rows = []

    def row(figure, target, key, fmt):
        rows.append([figure, target] + [fmt % s[key] for s in subjects])

    row("cold start: exec → first poll of /next (median)", "≤ 3 ms", "cold_start_ms", "%.2f ms")
    row("cold first answer: exec → first response posted", "≤ 10 ms", "cold_answer_ms", "%.2f ms")
    row("warm answer p50 over {:,} \"how did I sleep\"".format(r.get("warm", 1000)),
        "≤ floor + 0.5 ms (floor %.2f ms), < peer" % r["floor_ms"], "warm_p50_ms", "%.2f ms")
    row("CPU (user + sys, all threads) per warm answer", "≤ 0.4 ms, ≥ 5× below peer",
        "cpu_ms", "%.3f ms")
    row("peak RSS after {:,} mixed questions".format(r.get("mixed", 1000)), "≤ 20 MB",
        "peak_rss_mb", "%.1f MB")
    blank = [""] * (len(subjects) - 1)
    if a.size_zip:
        rows.append(["%s bootstrap, zipped (unzipped)" % a.size_arch, "≤ 3.5 MB",
                     "%.2f MB (%.2f MB)" % (a.size_zip / 1e6, a.size_raw / 1e6)] + blank)
    for item in a.parse:
        name, ns = item.rsplit("=", 1)
        rows.append(["parse (CPU): %s" % name, "≤ 1 ms", "%.3f ms" % (float(ns) / 1e6)] + blank)
    fan = r.get("fanout")
    if fan:
        rows.append(["summary (3 Withings calls) ÷ one call, each call held %d ms by the sandbox"
                     % fan["delay_ms"], "≤ 1.3×", "%.2f× (%.1f ÷ %.1f ms)" % (
                         fan["summary_ms"] / fan["one_ms"], fan["summary_ms"], fan["one_ms"])]
                    + blank)
    rows.append(["I/O floor: GetItem + Withings sleep call alone", "", "%.2f ms" % r["floor_ms"]]
                + blank)

    head = ["figure", "target"] + [s["name"] for s in subjects]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for cells in rows:
        print("| " + " | ".join(cells) + " |")
    cpu_ratio = [s["cpu_ms"] / ours["cpu_ms"] for s in subjects[1:] if ours["cpu_ms"] > 0]
    if cpu_ratio:
        print("\nCPU per answer, peer / this skill: %.1f×" % cpu_ratio[0])
    print("This skill said: %s" % ours["speech"])
    for s in subjects[1:]:
        print("%s said: %s" % (s["name"], s["speech"]))


if __name__ == "__main__":
    main()
