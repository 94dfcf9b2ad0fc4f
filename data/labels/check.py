#!/usr/bin/env python3
"""Check hand labels against their articles: fields present, aliases and date texts exact substrings
of the NFC text, no duplicate persons. Usage: check.py [LABEL.yaml ...] (default: every label)."""
import os, sys, unicodedata, glob
import yaml  # PyYAML

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.environ.get("DANTRI", os.path.join(HERE, "..", "..", "..", "shared", "corpus", "dantri"))

def check(path):
    errs = []
    with open(path, encoding="utf-8") as f:
        try:
            lab = yaml.safe_load(f)
        except yaml.YAMLError as e:
            return [f"YAML: {e}"]
    if not isinstance(lab, dict):
        return ["not a mapping"]
    name = lab.get("file")
    if name != os.path.basename(path)[:-5] + ".txt":
        errs.append(f"file: {name!r} does not match the label's own name")
    art = os.path.join(CORPUS, str(name))
    if not os.path.exists(art):
        return errs + [f"no article {art}"]
    text = unicodedata.normalize("NFC", open(art, encoding="utf-8").read())
    for key in ("persons", "byline_or_photo_credit_persons", "not_persons", "dates"):
        if not isinstance(lab.get(key, None), list):
            errs.append(f"{key}: missing or not a list")
    seen = set()
    for p in lab.get("persons") or []:
        if not isinstance(p, dict) or "name" not in p:
            errs.append(f"person without a name: {p!r}")
            continue
        n = p["name"]
        if unicodedata.normalize("NFC", n) != n:
            errs.append(f"{n!r}: not NFC")
        if n in seen:
            errs.append(f"{n!r}: listed twice")
        seen.add(n)
        al = p.get("aliases")
        if not isinstance(al, list) or not al:
            errs.append(f"{n!r}: aliases missing or empty")
            al = []
        for a in al:
            if not isinstance(a, str) or a not in text:
                errs.append(f"{n!r}: alias {a!r} is not in the text")
        if not isinstance(p.get("other_names", []), list):
            errs.append(f"{n!r}: other_names not a list")
        if not isinstance(p.get("surname_only", False), bool):
            errs.append(f"{n!r}: surname_only not true/false")
    for d in lab.get("dates") or []:
        if not isinstance(d, dict):
            errs.append(f"date not a mapping: {d!r}")
            continue
        t = d.get("text")
        if not isinstance(t, str) or t not in text:
            errs.append(f"date text {t!r} is not in the text")
        for k in ("day", "month", "year"):
            v = d.get(k)
            if v is not None and not isinstance(v, int):
                errs.append(f"date {t!r}: {k} {v!r} not a number or null")
        if d.get("day") is None and d.get("month") is None and d.get("year") is None:
            errs.append(f"date {t!r}: no day, month or year")
        if d.get("day") is not None and not 1 <= d["day"] <= 31:
            errs.append(f"date {t!r}: day out of range")
        if d.get("month") is not None and not 1 <= d["month"] <= 12:
            errs.append(f"date {t!r}: month out of range")
    return errs

def main():
    paths = sys.argv[1:] or sorted(glob.glob(os.path.join(HERE, "dantri", "news_*.yaml")))
    bad = 0
    for p in paths:
        for e in check(p):
            print(f"{p}: {e}")
            bad += 1
    print(f"{len(paths)} label files, {bad} problems")
    sys.exit(1 if bad else 0)

main()
