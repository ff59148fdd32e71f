"""The rehearsal's checks, and the tables it prints them in."""

CHECKS = []
IGNORED = set()  # properties moto's CloudFormation does not apply (checked in the template instead)


def check(name, ok, detail=""):
    CHECKS.append((name, bool(ok), detail))
    return bool(ok)


def table(rows, headers):
    widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
    line = lambda r: "  " + "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    print(line(headers))
    for r in rows:
        print(line(r))
