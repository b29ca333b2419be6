#!/usr/bin/env python3
"""England-shaped KS2 data for make bench, made from one real DfE file.

usage: gen-ks2.py [--seed S] [--sheet FILE] [--advisers FILE] SOURCE N > OUT.csv

SOURCE is a DfE "ks2final" download (examples/data/2019_850_Hampshire_ks2final.csv).
OUT gets N mainstream school rows (RECTYPE 1), each a copy of a school row of
SOURCE drawn at random, plus special-school rows (RECTYPE 2) in SOURCE's
proportion, one LA summary row (RECTYPE 3) after each LA and SOURCE's national
rows (RECTYPE 4, 5) at the end, as in a national file. The schools are spread
evenly over England's 152 LA codes, in order; each gets its own URN (from
100001 up). Every other field is copied unchanged, so values, suppression
tokens (SUPP, NE, ...), short rows and quoting are SOURCE's; so are its BOM,
header, line endings (CRLF) and missing final newline.

--sheet FILE writes an LA sheet for ki-import's local: source: urn, district,
the latest Ofsted grade (1-4, England's mix) and the LA-held flags (at_risk_inadequate, at_risk_ri, leadership_concern,
scc_protocol, attendance_concern, due_ofsted) of every school, a few of them
yes. Each LA has 1 to 12 districts, as England's unitary and two-tier LAs do.
--advisers FILE writes an advisers file for ki-allocate: one adviser per
district (primary), and one per LA for all its districts and phases.

The same arguments give the same bytes (a seeded generator of the project's
own, not Python's random module, so no Python version changes them).
"""
import argparse
import csv
import io
import sys

# LEA codes of England's 152 local authorities (DfE la_and_region_codes_meta_2019.csv)
LA_CODES = """
201 202 203 204 205 206 207 208 209 210 211 212 213 301 302 303 304 305 306 307
308 309 310 311 312 313 314 315 316 317 318 319 320 330 331 332 333 334 335 336
340 341 342 343 344 350 351 352 353 354 355 356 357 358 359 370 371 372 373 380
381 382 383 384 390 391 392 393 394 420 800 801 802 803 805 806 807 808 810 811
812 813 815 816 821 822 823 825 826 830 831 838 839 840 841 845 846 850 851 852
855 856 857 860 861 865 866 867 868 869 870 871 872 873 874 876 877 878 879 880
881 882 883 884 885 886 887 888 889 890 891 892 893 894 895 896 908 909 916 919
921 925 926 929 931 933 935 936 937 938 940 941
""".split()

FLAGS = ("at_risk_inadequate", "at_risk_ri", "leadership_concern",
         "scc_protocol", "attendance_concern", "due_ofsted")


class Rand:
    """xorshift64*: small, fast enough, and the same on every platform."""

    def __init__(self, seed):
        self.s = (seed * 0x9E3779B97F4A7C15 + 1) & 0xFFFFFFFFFFFFFFFF

    def below(self, n):
        s = self.s
        s ^= s >> 12
        s ^= (s << 25) & 0xFFFFFFFFFFFFFFFF
        s ^= s >> 27
        self.s = s
        return ((s * 0x2545F4914F6CDD1D) & 0xFFFFFFFFFFFFFFFF) % n


def templates(rows, c_lea, c_urn, eol):
    """Each row as (text before LEA, between LEA and URN, after URN)."""
    assert c_lea < c_urn
    out = []
    for r in rows:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator=eol)
        w.writerow(r[:c_lea] + [""])
        a = buf.getvalue()[:-len(eol)]
        buf = io.StringIO()
        csv.writer(buf, lineterminator=eol).writerow([""] + r[c_lea + 1:c_urn] + [""])
        b = buf.getvalue()[:-len(eol)]
        buf = io.StringIO()
        csv.writer(buf, lineterminator=eol).writerow([""] + r[c_urn + 1:])
        c = buf.getvalue()
        out.append((a, b, c))
    return out


def main():
    ap = argparse.ArgumentParser(
        description="Write a KS2 file with N school rows copied from a real one.",
        usage="%(prog)s [--seed S] [--sheet FILE] [--advisers FILE] SOURCE N > OUT.csv")
    ap.add_argument("source", help="real DfE ks2final CSV file")
    ap.add_argument("n", type=int, help="number of RECTYPE 1 (school) rows to write")
    ap.add_argument("--seed", type=int, default=2019, help="seed (default 2019)")
    ap.add_argument("--sheet", help="also write an LA sheet (local:) to this file")
    ap.add_argument("--advisers", help="also write an advisers file to this file")
    args = ap.parse_args()
    if args.n < 0:
        ap.error("N must be 0 or more")

    with open(args.source, "rb") as f:
        raw = f.read().decode("utf-8")
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    text = raw[len(bom):]
    eol = "\r\n" if "\r\n" in text else "\n"
    final_eol = text.endswith("\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, data = rows[0], rows[1:]
    try:
        c_type, c_lea, c_urn = (header.index(c) for c in ("RECTYPE", "LEA", "URN"))
    except ValueError:
        sys.exit("gen-ks2: %s: needs RECTYPE, LEA and URN columns" % args.source)
    by_type = {}
    for r in data:
        by_type.setdefault(r[c_type], []).append(r)
    schools = templates(by_type.get("1", []), c_lea, c_urn, eol)
    specials = templates(by_type.get("2", []), c_lea, c_urn, eol)
    la_rows = templates(by_type.get("3", [])[:1], c_lea, c_urn, eol)
    national = [r for r in data if r[c_type] not in ("1", "2", "3")]
    if not schools:
        sys.exit("gen-ks2: %s: no RECTYPE 1 rows" % args.source)

    rng = Rand(args.seed)           # the rows
    srng = Rand(args.seed + 1)      # the sheet and advisers: the rows stay the same
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="",
                           write_through=False)
    sheet = adv = None
    if args.sheet:
        sheet = open(args.sheet, "w", encoding="utf-8", newline="")
        sheet.write("urn,district,ofsted_grade_latest," + ",".join(FLAGS) + "\n")
    if args.advisers:
        adv = open(args.advisers, "w", encoding="utf-8", newline="")
        adv.write("id,name,districts,phases,capacity\n")
    out.write(bom)
    csv.writer(out, lineterminator=eol).writerow(header)
    urn, k = 100000, len(LA_CODES)
    for i, lea in enumerate(LA_CODES):
        n_la = (i + 1) * args.n // k - i * args.n // k   # school rows in this LA
        if n_la == 0:
            continue
        n_special = round(n_la * len(specials) / len(schools)) if specials else 0
        n_dist = 1 + srng.below(12)
        names = ["%s District %d" % (lea, d + 1) for d in range(n_dist)]
        load = [0] * n_dist
        picks = [schools[rng.below(len(schools))] for _ in range(n_la)]
        picks += [specials[rng.below(len(specials))] for _ in range(n_special)]
        for a, b, c in picks:
            urn += 1
            out.write("%s%s%s%d%s" % (a, lea, b, urn, c))
            if sheet or adv:
                d = srng.below(n_dist)
                load[d] += 1
                g = srng.below(100)
                grade = 1 if g < 20 else 2 if g < 85 else 3 if g < 97 else 4
                flags = ["yes" if srng.below(100) < 4 else "no" for _ in FLAGS]
            if sheet:
                sheet.write("%d,%s,%d,%s\n" % (urn, names[d], grade, ",".join(flags)))
        for a, b, c in la_rows:
            out.write("%s%s%s%s" % (a, lea, b, c))
        if adv:
            # About 2 days a school, a little short, so that some districts
            # fill up and the LA adviser takes the rest.
            for d in range(n_dist):
                adv.write("A%s%02d,Adviser %s-%d,%s,primary,%d\n" % (
                    lea, d + 1, lea, d + 1, names[d], 2 * load[d] * 9 // 10 + 1))
            adv.write("A%s00,Adviser %s,%s,,%d\n" % (
                lea, lea, "; ".join(names), n_la // 4 + 1))
    w = csv.writer(out, lineterminator=eol)
    for j, r in enumerate(national):
        if j == len(national) - 1 and not final_eol:
            buf = io.StringIO()
            csv.writer(buf, lineterminator=eol).writerow(r)
            out.write(buf.getvalue()[:-len(eol)])   # DfE files end without one
        else:
            w.writerow(r)
    out.flush()
    for f in (sheet, adv):
        if f:
            f.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
