/* Unit tests for ki-import's stage: names, layout detection, the join. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include <check.h>

#include "ki/import.h"
#include "ki/import_int.h"
#include "ki/val.h"

#include "util.h"

START_TEST(names_year)
{
	ck_assert_int_eq(ki_imp_year_from_name("d/2019_850_ks2final.csv"), 2019);
	ck_assert_int_eq(ki_imp_year_from_name("ks2_2018-19.csv"), 2019);
	ck_assert_int_eq(ki_imp_year_from_name("ks2_2018-2019.csv"), 2019);
	ck_assert_int_eq(ki_imp_year_from_name("2019/ks2.csv"), 0);
	ck_assert_int_eq(ki_imp_year_from_name("ks2.csv"), 0);
	/* Years far apart: the name does not say one. */
	ck_assert_int_eq(ki_imp_year_from_name("ks2_2015_2019.csv"), -1);
}
END_TEST

START_TEST(names_dates)
{
	char d[11];

	ck_assert_int_eq(ki_imp_cover_from_name(
	    "Management_information_as_at_31_May_2026.csv", d), 1);
	ck_assert_str_eq(d, "2026-05-31");
	ck_assert_int_eq(ki_imp_cover_from_name("ofsted as at 2014-08-31.csv",
	    d), 1);
	ck_assert_str_eq(d, "2014-08-31");
	/* The end of a period: its month's last day. */
	ck_assert_int_eq(ki_imp_cover_from_name("inspections_2014-09_to_"
	    "2015-02.csv", d), 1);
	ck_assert_str_eq(d, "2015-02-28");
	ck_assert_int_eq(ki_imp_cover_from_name("ofsted.csv", d), 0);
	ck_assert_int_eq(ki_imp_cover_from_name("as_at_31_Feb_2026.csv", d), 0);
	ck_assert_int_eq(ki_imp_extract_date("x/gias_20250422.csv", d), 1);
	ck_assert_str_eq(d, "2025-04-22");
	ck_assert_int_eq(ki_imp_extract_date("edubase_2021-05-07_x.csv", d), 1);
	ck_assert_str_eq(d, "2021-05-07");
	ck_assert_int_eq(ki_imp_extract_date("gias.csv", d), 0);
}
END_TEST

/* A header of the NULL-terminated names: the layout chosen for it. */
static const char *
fit(const struct ki_imp_layouts *l, const char *const *names, const char *tag,
    int year, size_t *n, size_t *ties)
{
	struct ki_hdr *h = util_hdr(names);
	struct ki_imp_layout *best;

	*n = ki_imp_fitting(l, h, tag, year, &best, ties);
	ki_hdr_free(h);
	return best == NULL ? "(none)" : ki_map_name(best->map);
}

START_TEST(detect_fitting)
{
	static const char *const ks2_2019[] = { "URN", "RECTYPE", "PTRWM_EXP",
	    "TELIG", NULL };
	static const char *const ks2_2024[] = { "URN", "RECTYPE", "TELIG",
	    "PTRWM_EXP", "READ_AVERAGE", "MAT_AVERAGE", "GPS_AVERAGE", NULL };
	static const char *const neither[] = { "URN", "SCHNAME", NULL };
	struct ki_imp_layouts l = { 0 };
	struct ki_err err;
	size_t n, ties;

	ck_assert_int_eq(ki_imp_layouts_load(&l, &err), 0);
	ck_assert_uint_gt(l.n, 5);
	/* Loaded once: a second call keeps the set. */
	n = l.n;
	ck_assert_int_eq(ki_imp_layouts_load(&l, &err), 0);
	ck_assert_uint_eq(l.n, n);
	ck_assert_str_eq(fit(&l, ks2_2019, NULL, 0, &n, &ties), "dfe-ks2");
	ck_assert_uint_eq(ties, 0);
	/* The most specific layout that fits wins... */
	ck_assert_str_eq(fit(&l, ks2_2024, NULL, 0, &n, &ties),
	    "dfe-ks2-2024");
	ck_assert_uint_ge(n, 2);
	/* ... among those that cover the year, and of the tag's family. */
	ck_assert_str_eq(fit(&l, ks2_2024, NULL, 2019, &n, &ties), "dfe-ks2");
	ck_assert_str_eq(fit(&l, ks2_2024, "dfe-ks4", 0, &n, &ties), "(none)");
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(fit(&l, neither, NULL, 0, &n, &ties), "(none)");
	ki_imp_layouts_free(&l);
	ck_assert_uint_eq(l.n, 0);
}
END_TEST

START_TEST(detect_nearest)
{
	static const char *const ks2[] = { "URN", "RECTYPE", "PTRWM_EXP", NULL };
	static const char *const part[] = { "URN", "RECTYPE", NULL };
	struct ki_imp_layouts l = { 0 };
	struct ki_err err;
	struct ki_hdr *h;
	char near[1024];

	ck_assert_int_eq(ki_imp_layouts_load(&l, &err), 0);
	h = util_hdr(ks2);
	ki_imp_nearest(&l, h, near, sizeof(near));
	ck_assert_str_eq(near, "dfe-ks2");
	ki_hdr_free(h);
	/* Nothing fits: the nearest, each with what it lacks. */
	h = util_hdr(part);
	ki_imp_nearest(&l, h, near, sizeof(near));
	ck_assert_ptr_nonnull(strstr(near, "dfe-ks2 (lacks "));
	ck_assert_ptr_nonnull(strstr(near, "PTRWM_EXP"));
	ki_hdr_free(h);
	ki_imp_layouts_free(&l);
}
END_TEST

/* Run ki_import_run on sources; its output, or "error: MESSAGE". */
static const char *
import(enum ki_fmt fmt, const char *const *sources)
{
	static char got[200000];
	struct ki_import_opts o;
	struct ki_err err;
	char *argv[8], paths[8][128];
	FILE *fp;
	size_t n;
	int rc;

	memset(&o, 0, sizeof(o));
	for (n = 0; sources[n] != NULL; n++) {
		const char *colon = strchr(sources[n], ':');

		snprintf(paths[n], sizeof(paths[n]), "%.*s:%s/%s",
		    (int)(colon - sources[n]), sources[n], util_dir, colon + 1);
		argv[n] = paths[n];
	}
	o.sources = argv;
	o.nsrc = n;
	o.fmt = fmt;
	ck_assert_int_eq(ki_canon_load(&err), 0);
	ck_assert_int_eq(ki_import_check(&o, &err), 0);
	fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	rc = ki_import_run(&o, fp, &err);
	rewind(fp);
	n = fread(got, 1, sizeof(got) - 1, fp);
	got[n] = '\0';
	fclose(fp);
	if (rc == -1)
		snprintf(got, sizeof(got), "error: %s:%ld: %s: %s",
		    strrchr(err.file, '/') ? strrchr(err.file, '/') + 1 :
		    err.file, err.line, err.field, err.msg);
	return got;
}

static void
write_files(void)
{
	char p[128];

	util_wfile(util_path(p, sizeof(p), "rows.csv"),
	    "urn,year,phase,urn_successor\n"
	    "100001,2019,primary,\n"
	    "100002,2019,primary,100003\n");
	util_wfile(util_path(p, sizeof(p), "sheet.csv"),
	    "urn,district,funding\n"
	    "100001,North,academy\n"
	    "100003,East,maintained\n");
	util_wfile(util_path(p, sizeof(p), "ks4.csv"),
	    "urn,year,phase\n"
	    "100001,2019,secondary\n"
	    "100004,2019,primary\n");
	util_wfile(util_path(p, sizeof(p), "dup.csv"),
	    "urn,district\n"
	    "100001,North\n"
	    "100001,East\n");
}

START_TEST(join_school)
{
	static const char *const src[] = { "local:rows.csv", "local:sheet.csv",
	    NULL };

	write_files();
	/* A school's own row fills the blanks; a closed school takes only
	 * its place from its successor's. */
	ck_assert_str_eq(import(KI_FMT_CSV, src),
	    "urn,year,phase,urn_successor,district,funding\n"
	    "100001,2019,primary,,North,academy\n"
	    "100002,2019,primary,100003,East,\n");
	ck_assert_str_eq(import(KI_FMT_JSON, src),
	    "{\"urn\":\"100001\",\"year\":2019,\"phase\":\"primary\","
	    "\"urn_successor\":null,\"district\":\"North\","
	    "\"funding\":\"academy\"}\n"
	    "{\"urn\":\"100002\",\"year\":2019,\"phase\":\"primary\","
	    "\"urn_successor\":\"100003\",\"district\":\"East\","
	    "\"funding\":null}\n");
}
END_TEST

START_TEST(join_merge)
{
	static const char *const src[] = { "local:rows.csv", "local:ks4.csv",
	    "local:sheet.csv", NULL };

	write_files();
	/* Per-year sources of one year merge: primary and secondary make
	 * all-through; rows come in the order first seen. */
	ck_assert_str_eq(import(KI_FMT_CSV, src),
	    "urn,year,phase,urn_successor,district,funding\n"
	    "100001,2019,all-through,,North,academy\n"
	    "100002,2019,primary,100003,East,\n"
	    "100004,2019,primary,,,\n");
}
END_TEST

START_TEST(join_twice)
{
	static const char *const dup[] = { "local:rows.csv", "local:dup.csv",
	    NULL };
	static const char *const again[] = { "local:dup.csv", NULL };

	write_files();
	ck_assert_str_eq(import(KI_FMT_CSV, dup), "error: dup.csv:3: urn: "
	    "100001 appears twice (first at line 2)");
	/* The rows' own source: a school twice in one year. */
	ck_assert_str_eq(import(KI_FMT_CSV, again), "error: dup.csv:3: urn: "
	    "school 100001 appears twice");
}
END_TEST

START_TEST(pack_values)
{
	struct ki_imp_pack p;
	struct ki_urnset *urns = ki_urnset_new();
	const char *v[3], *got[3];
	char urn[16], name[16];
	long first, i;

	ck_assert_ptr_nonnull(urns);
	ck_assert_int_eq(ki_imp_pack_init(&p, 3, 1), 0);
	/* 70,000 names: a column's numbers widen from 1 bit to 32. */
	for (i = 0; i < 70000; i++) {
		snprintf(urn, sizeof(urn), "%ld", 100000 + i);
		snprintf(name, sizeof(name), "School %ld", i);
		v[0] = name;
		v[1] = urn;
		v[2] = i % 3 == 0 ? NULL : i % 3 == 1 ? "yes" : "no";
		ck_assert_int_eq(ki_imp_pack_add(&p, urns, urn, v, 2 + i,
		    &first), 0);
	}
	ck_assert_uint_eq(p.width[0], 32);
	ck_assert_uint_eq(p.width[2], 2);
	for (i = 0; i < 70000; i += 6997) {
		snprintf(urn, sizeof(urn), "%ld", 100000 + i);
		snprintf(name, sizeof(name), "School %ld", i);
		ck_assert_int_eq(ki_imp_pack_find(&p, urns, urn), i);
		ki_imp_pack_row(&p, i, urn, got);
		ck_assert_str_eq(got[0], name);
		ck_assert_ptr_eq(got[1], urn);
		if (i % 3 == 0)
			ck_assert_ptr_null(got[2]);
		else
			ck_assert_str_eq(got[2], i % 3 == 1 ? "yes" : "no");
	}
	ck_assert_int_eq(ki_imp_pack_find(&p, urns, "999"), -1);
	/* A school twice: nothing added, the first one's line. */
	ck_assert_int_eq(ki_imp_pack_add(&p, urns, "100005", v, 99999, &first),
	    1);
	ck_assert_int_eq(first, 7);
	ck_assert_uint_eq(p.nrows, 70000);
	ki_imp_pack_free(&p);
	ki_urnset_free(urns);
}
END_TEST

START_TEST(pack_second)
{
	struct ki_imp_pack a, b;
	struct ki_urnset *urns = ki_urnset_new();
	const char *v[1], *got[1];
	long first;

	ck_assert_ptr_nonnull(urns);
	ck_assert_int_eq(ki_imp_pack_init(&a, 1, -1), 0);
	ck_assert_int_eq(ki_imp_pack_init(&b, 1, -1), 0);
	v[0] = "a1";
	ck_assert_int_eq(ki_imp_pack_add(&a, urns, "1", v, 2, &first), 0);
	v[0] = "a2";
	/* Lines with gaps: multi-line records, skipped rows. */
	ck_assert_int_eq(ki_imp_pack_add(&a, urns, "2", v, 5, &first), 0);
	v[0] = "a3";
	ck_assert_int_eq(ki_imp_pack_add(&a, urns, "3", v, 6, &first), 0);
	/* A second source's schools are not its rows' numbers. */
	v[0] = "b3";
	ck_assert_int_eq(ki_imp_pack_add(&b, urns, "3", v, 2, &first), 0);
	v[0] = "b4";
	ck_assert_int_eq(ki_imp_pack_add(&b, urns, "4", v, 3, &first), 0);
	/* Schools interned since (rows streamed) are in neither. */
	ck_assert_int_ge(ki_urnset_intern(urns, "5"), 0);
	ck_assert_int_eq(ki_imp_pack_find(&a, urns, "1"), 0);
	ck_assert_int_eq(ki_imp_pack_find(&a, urns, "3"), 2);
	ck_assert_int_eq(ki_imp_pack_find(&a, urns, "4"), -1);
	ck_assert_int_eq(ki_imp_pack_find(&a, urns, "5"), -1);
	ck_assert_int_eq(ki_imp_pack_find(&b, urns, "1"), -1);
	ck_assert_int_eq(ki_imp_pack_find(&b, urns, "3"), 0);
	ck_assert_int_eq(ki_imp_pack_find(&b, urns, "4"), 1);
	ck_assert_int_eq(ki_imp_pack_find(&b, urns, "5"), -1);
	ki_imp_pack_row(&b, 1, "4", got);
	ck_assert_str_eq(got[0], "b4");
	ck_assert_int_eq(ki_imp_pack_add(&a, urns, "1", v, 9, &first), 1);
	ck_assert_int_eq(first, 2);
	ck_assert_int_eq(ki_imp_pack_add(&a, urns, "2", v, 9, &first), 1);
	ck_assert_int_eq(first, 5);
	ck_assert_int_eq(ki_imp_pack_add(&a, urns, "3", v, 9, &first), 1);
	ck_assert_int_eq(first, 6);
	ck_assert_int_eq(ki_imp_pack_add(&b, urns, "4", v, 9, &first), 1);
	ck_assert_int_eq(first, 3);
	ki_imp_pack_free(&a);
	ki_imp_pack_free(&b);
	ki_urnset_free(urns);
}
END_TEST

START_TEST(join_new_schools)
{
	static const char *const src[] = { "local:big-rows.csv",
	    "local:big-sheet.csv", NULL };
	char p[128], line[64], *rows, *sheet, *want;
	size_t i, nr = 0, ns = 0, nw = 0;

	/* A sheet of 3,000 schools; rows of 3,000 others and one of it. */
	rows = malloc(200000);
	sheet = malloc(200000);
	want = malloc(200000);
	ck_assert_ptr_nonnull(rows);
	ck_assert_ptr_nonnull(sheet);
	ck_assert_ptr_nonnull(want);
	nr = (size_t)sprintf(rows, "urn,year\n");
	ns = (size_t)sprintf(sheet, "urn,district\n");
	nw = (size_t)sprintf(want, "urn,year,district\n");
	for (i = 0; i < 3000; i++) {
		ns += (size_t)sprintf(sheet + ns, "%zu,D%zu\n", 200000 + i, i % 7);
		nr += (size_t)sprintf(rows + nr, "%zu,2019\n", 300000 + i);
		nw += (size_t)sprintf(want + nw, "%zu,2019,\n", 300000 + i);
	}
	nr += (size_t)sprintf(rows + nr, "202999,2019\n202999,2018\n");
	nw += (size_t)sprintf(want + nw, "202999,2019,D3\n202999,2018,D3\n");
	util_wfile(util_path(p, sizeof(p), "big-rows.csv"), rows);
	util_wfile(util_path(p, sizeof(p), "big-sheet.csv"), sheet);
	ck_assert_str_eq(import(KI_FMT_CSV, src), want);
	/* The same school and year twice, past the sheet's schools. */
	snprintf(line, sizeof(line), "300001,2019\n");
	memcpy(rows + nr, line, strlen(line) + 1);
	util_wfile(util_path(p, sizeof(p), "big-rows.csv"), rows);
	ck_assert_str_eq(import(KI_FMT_CSV, src), "error: big-rows.csv:3004: "
	    "urn: school 300001 appears twice for 2019");
	free(rows);
	free(sheet);
	free(want);
}
END_TEST


START_TEST(join_memory)
{
	static const char *const src[] = { "local:mem-rows.csv",
	    "local:mem-sheet.csv", "ofsted:ofsted_as_at_31_May_2026.csv", NULL };
	static const char *const alone[] = { "local:mem-rows.csv", NULL };
	const char *top = getenv("TOP");
	char p[512], of[512], cwd[256];
	const char *got;
	FILE *rows, *sheet;
	long before, i, k;

	/*
	 * 100,000 schools of 20 columns, each with an LA sheet row; an Ofsted
	 * file joined with a successor column, so rows are held to the end.
	 * Kept whole in memory they took some 120 MB more than reading the
	 * rows alone.
	 */
	/* The link is read from the test's own folder: its target is whole. */
	if (top == NULL)
		top = getcwd(cwd, sizeof(cwd));
	ck_assert_ptr_nonnull(top);
	snprintf(of, sizeof(of), "%s/examples/data/ofsted_mi_latest_"
	    "inspections_as_at_31_May_2026_EXCERPT.csv", top);
	ck_assert_int_eq(symlink(of, util_path(p, sizeof(p),
	    "ofsted_as_at_31_May_2026.csv")), 0);
	rows = fopen(util_path(p, sizeof(p), "mem-rows.csv"), "w");
	sheet = fopen(util_path(p, sizeof(p), "mem-sheet.csv"), "w");
	ck_assert_ptr_nonnull(rows);
	ck_assert_ptr_nonnull(sheet);
	fputs("urn,year,urn_successor,name", rows);
	for (k = 0; k < 16; k++)
		fprintf(rows, ",m%ld", k);
	fputc('\n', rows);
	fputs("urn,district,flag\n", sheet);
	for (i = 0; i < 100000; i++) {
		fprintf(rows, "%ld,2019,,School number %ld", 400000 + i, i);
		for (k = 0; k < 16; k++)
			fprintf(rows, ",%ld.%ld", (i + k) % 97, k);
		fputc('\n', rows);
		fprintf(sheet, "%ld,District %ld,%s\n", 400000 + i, i % 9,
		    i % 2 ? "yes" : "no");
	}
	ck_assert_int_eq(fclose(rows), 0);
	ck_assert_int_eq(fclose(sheet), 0);
	/* The rows alone, for what reading them takes. */
	(void)import(KI_FMT_CSV, alone);
	before = util_maxrss();
	got = import(KI_FMT_CSV, src);
	/* The first rows of the output: the sheet and Ofsted joined. */
	ck_assert_ptr_nonnull(strstr(got,
	    "\n400000,2019,,School number 0,0.0,1.1,"));
	ck_assert_ptr_nonnull(strstr(got,
	    ",District 0,no,,no inspection of 400000 in the Ofsted data\n"));
	if (!UTIL_ASAN)
		ck_assert_int_lt(util_maxrss() - before, 16 * 1024);
}
END_TEST

static void
setup(void)
{
	util_setup();
}

static Suite *
import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("names");

	tcase_add_test(tc, names_year);
	tcase_add_test(tc, names_dates);
	suite_add_tcase(s, tc);
	tc = tcase_create("detect");
	tcase_add_test(tc, detect_fitting);
	tcase_add_test(tc, detect_nearest);
	suite_add_tcase(s, tc);
	tc = tcase_create("pack");
	tcase_add_test(tc, pack_values);
	tcase_add_test(tc, pack_second);
	suite_add_tcase(s, tc);
	tc = tcase_create("join");
	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, join_school);
	tcase_add_test(tc, join_merge);
	tcase_add_test(tc, join_twice);
	tcase_add_test(tc, join_new_schools);
	tcase_add_test(tc, join_memory);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(import_suite());
}
