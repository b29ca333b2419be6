#!/bin/sh
# The KS2 floor standard of 2018-2019 with Miller 6 (rule: floor-python.py).
# usage: floor-mlr.sh KS2FILE.csv > schools.csv 2> per-lea.csv
# --allow-ragged-csv-input pads the short rows of schools without results
# (else: "mlr: mlr: CSV header/data length mismatch"). --records-per-batch 1
# keeps Miller 6.6's memory near 150 MB on these ~320-column rows: at its
# default of 500 it grows with the file (gigabytes for a national file), at
# the same speed. MLR_FLAGS adds main options.
[ $# -eq 1 ] || { echo "usage: floor-mlr.sh KS2FILE.csv > schools.csv 2> per-lea.csv" >&2; exit 2; }
exec mlr --records-per-batch 1 ${MLR_FLAGS-} --icsv --ocsv --allow-ragged-csv-input \
  --from "$1" \
  filter '$RECTYPE == 1 || $RECTYPE == 2' \
  then put '
    func value(x) {        # the number, or "" when missing
      s = sub(string(x), "%$", "");
      return s =~ "^-?[0-9]+(\.[0-9]+)?$" ? float(s) : "";
    }
    func fails(score, limit, upper) {   # "yes", "no", or "" for unsure
      if (!is_float(score)) { return ""; }
      if (score >= limit) { return "no"; }
      if (!is_float(upper)) { return ""; }
      return upper < 0 ? "yes" : "no";
    }
    telig = value($TELIG);
    rwm = value($PTRWM_EXP);
    var flag = "no";
    if ($RECTYPE == 2 || (is_float(telig) && telig < 11)) {
      flag = "n/a";
    } elif (!is_float(rwm)) {
      flag = "unknown";
    } elif (rwm < 65) {
      r = fails(value($READPROG), -5, value($READPROG_UPPER));
      w = fails(value($WRITPROG), -7, value($WRITPROG_UPPER));
      m = fails(value($MATPROG), -5, value($MATPROG_UPPER));
      if (r == "yes" || w == "yes" || m == "yes") {
        flag = "yes";
      } elif (r == "" || w == "" || m == "") {
        flag = "unknown";
      }
    }
    @below_floor[$LEA] += flag == "yes" ? 1 : 0;
    $* = {"URN": $URN, "SCHNAME": $SCHNAME, "below_floor": flag};
    end {
      @below_floor = sort(@below_floor);
      emit > stderr, @below_floor, "LEA";
    }'
