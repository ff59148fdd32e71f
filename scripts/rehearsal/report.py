"""The rehearsal's checks, and the tables it prints them in."""

CHECKS = []
IGNORED = set()  # properties moto's CloudFormation does not apply (checked in the template instead)


def check(name, ok, detail=""):
    CHECKS.append((name, bool(ok), detail))
    return bool(ok)


def failed():
    return sum(1 for c in CHECKS if not c[1])


def table(rows, headers):
    widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
    line = lambda r: "  " + "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    print(line(headers))
    for r in rows:
        print(line(r))


def summary():
    """Prints every check and the closing count; the exit status."""
    print("\nchecks:")
    table([("PASS" if ok else "FAIL", name, detail[:150]) for name, ok, detail in CHECKS], ("", "CHECK", "DETAIL"))
    passed = sum(1 for c in CHECKS if c[1])
    print(f"\ndeploy rehearsal: {passed} passed, {len(CHECKS) - passed} failed")
    return 0 if passed == len(CHECKS) else 1
