#!/usr/bin/env node
// The KS2 floor standard of 2018-2019 in DuckDB's SQL over read_csv, through
// DuckDB's Node API (rule: floor-python.py).
// usage: node floor-duckdb.mjs KS2FILE.csv > schools.csv 2> per-lea.csv
// env:   DUCKDB_PREFIX  the directory whose node_modules has @duckdb/node-api
//                       (make bench installs it there with npm; default: the
//                       usual lookup from this script's directory)
// DuckDB runs on as many threads as there are cores, its default.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const file = process.argv[2];
if (process.argv.length !== 3) {
  console.error('usage: floor-duckdb.mjs KS2FILE.csv > schools.csv 2> per-lea.csv');
  process.exit(2);
}
const require = createRequire(process.env.DUCKDB_PREFIX
  ? join(process.env.DUCKDB_PREFIX, 'bench.js') : import.meta.url);
const { DuckDBInstance } = require('@duckdb/node-api');

// The number in column c (less a trailing %), or NULL.
const num = (c) => `(CASE WHEN regexp_full_match(rtrim(coalesce(${c}, ''), '%'),
  '-?[0-9]+(\\.[0-9]+)?') THEN CAST(rtrim(${c}, '%') AS DOUBLE) END)`;
// Subject s with limit lim fails: true, false, or NULL when unsure.
const fails = (s, lim) => `(CASE WHEN ${num(s)} IS NULL THEN NULL
  WHEN ${num(s)} >= ${lim} THEN false
  ELSE ${num(s + '_UPPER')} < 0 END)`;
const quoted = file.replace(/'/g, "''");

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run(`CREATE TABLE s AS SELECT LEA, URN, SCHNAME,
  CASE WHEN RECTYPE = '2' OR ${num('TELIG')} < 11 THEN 'n/a'
    WHEN ${num('PTRWM_EXP')} IS NULL THEN 'unknown'
    WHEN ${num('PTRWM_EXP')} >= 65 THEN 'no'
    WHEN ${fails('READPROG', -5)} OR ${fails('WRITPROG', -7)}
      OR ${fails('MATPROG', -5)} THEN 'yes'
    WHEN ${fails('READPROG', -5)} IS NULL OR ${fails('WRITPROG', -7)} IS NULL
      OR ${fails('MATPROG', -5)} IS NULL THEN 'unknown'
    ELSE 'no' END AS below_floor
  FROM read_csv('${quoted}', all_varchar = true, header = true,
    null_padding = true, quote = '"', escape = '"', strict_mode = false)
  WHERE RECTYPE IN ('1', '2')`);
await con.run(`COPY (SELECT URN, SCHNAME, below_floor FROM s)
  TO '/dev/stdout' (HEADER, DELIMITER ',')`);
const per = await con.runAndReadAll(`SELECT LEA,
  count(*) FILTER (WHERE below_floor = 'yes') FROM s GROUP BY LEA ORDER BY LEA`);
process.stderr.write('LEA,below_floor\n' +
  per.getRows().map((r) => r.join(',')).join('\n') + '\n');
