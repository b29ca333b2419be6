/* Unit tests for lib/broker_policy.c, lib/leaders.c and lib/broker_match.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <jansson.h>

#include "ki/broker.h"

#include "util.h"

#define POLICY "share/broker/kent-2011.json"

static const char *const register_csv =
    "id,name,role,urn,district,phases,strengths,days\n"
    "N2,Nia Two,NLE,900002,Beta,primary,leadership; maths,20\n"
    "A1,Ann Ast,AST,900003,Alpha,primary,Maths,30\n"
    "N1,Ned One,NLE,900001,Alpha,primary,teaching,10\n";

static struct ki_broker_policy *
shipped(void)
{
	struct ki_err err;
	struct ki_broker_policy *p = ki_broker_policy_load(POLICY, &err);

	ck_assert_msg(p != NULL, "%s: %s", err.file, err.msg);
	return p;
}

START_TEST(policy_shipped)
{
	struct ki_broker_policy *p = shipped();

	ck_assert_uint_eq(p->nroles, 6);
	ck_assert_uint_eq(p->nsupport, 3);
	ck_assert_str_eq(p->support[0].name, "Kent Challenge Focus");
	ck_assert_int_eq(p->support[0].days, 1000);
	ck_assert_int_eq(p->rate[KI_BK_NLE_DAY], 40000);
	ck_assert_int_eq(p->rate[KI_BK_AST_TERM], 600000);
	ck_assert_int_eq(p->have_rate[KI_BK_SUPPLY_DAY], 0);
	ck_assert_int_eq(p->ast_terms, 3);
	ck_assert_int_eq(p->mentor_max, 3);
	ck_assert(p->needs[p->nneeds - 1].otherwise);
	ck_assert_int_eq(ki_broker_role(p, "AST"), 5);
	ck_assert_int_eq(ki_broker_role(p, "KLE"), -1);
	ki_broker_policy_free(p);
	ki_broker_policy_free(NULL);
}
END_TEST

/* A copy of the shipped policy with one change, saved in util_dir. */
static const char *
changed(char *path, size_t n, void (*fn)(json_t *))
{
	json_t *j = json_load_file(POLICY, 0, NULL);

	ck_assert_ptr_nonnull(j);
	fn(j);
	util_path(path, n, "policy.json");
	ck_assert_int_eq(json_dump_file(j, path, 0), 0);
	json_decref(j);
	return path;
}

static void
stray(json_t *j)
{
	json_object_set_new(json_array_get(json_object_get(j, "support"), 1),
	    "dayz", json_integer(3));
}

static void
otherwise_first(json_t *j)
{
	json_object_set_new(json_array_get(json_object_get(j, "needs"), 0),
	    "otherwise", json_true());
}

static void
bad_rate(json_t *j)
{
	json_object_set_new(json_object_get(json_object_get(j, "rates"),
	    "nle_day"), "pounds", json_string("400.001"));
}

START_TEST(policy_errors)
{
	struct ki_err err;
	char path[96];

	ck_assert_ptr_null(ki_broker_policy_load(changed(path, sizeof(path),
	    stray), &err));
	util_err_is(&err, path, 0, "support[1]", "unknown key \"dayz\"");
	ck_assert_ptr_null(ki_broker_policy_load(changed(path, sizeof(path),
	    otherwise_first), &err));
	util_err_is(&err, path, 0, "needs[0]", "only the last");
	ck_assert_ptr_null(ki_broker_policy_load(changed(path, sizeof(path),
	    bad_rate), &err));
	util_err_is(&err, path, 0, "nle_day", "pounds and pence");
}
END_TEST

START_TEST(rates_override)
{
	struct ki_broker_policy *p = shipped();
	struct ki_err err;
	char path[96];

	util_wfile(util_path(path, sizeof(path), "r.json"),
	    "{\"supply_day\": \"187.55\", \"adviser_day\": 487.35}");
	ck_assert_int_eq(ki_broker_rates(p, path, &err), 0);
	ck_assert_int_eq(p->rate[KI_BK_SUPPLY_DAY], 18755);
	ck_assert_int_eq(p->have_rate[KI_BK_SUPPLY_DAY], 1);
	util_wfile(path, "{\"supply\": 1}");
	ck_assert_int_eq(ki_broker_rates(p, path, &err), -1);
	util_err_is(&err, path, 0, "supply", "unknown rate");
	ki_broker_policy_free(p);
}
END_TEST

START_TEST(leaders_load)
{
	struct ki_broker_policy *p = shipped();
	struct ki_leaders ls;
	struct ki_err err;
	char path[96];

	util_wfile(util_path(path, sizeof(path), "l.csv"), register_csv);
	ck_assert_int_eq(ki_leaders_load(&ls, path, p, NULL, &err), 0);
	ck_assert_uint_eq(ls.n, 3);
	/* Sorted by id, whatever the file's order. */
	ck_assert_str_eq(ls.l[0].id, "A1");
	ck_assert_str_eq(ls.l[2].id, "N2");
	ck_assert_int_eq(ls.l[2].days, 2000);
	ck_assert_str_eq(ls.l[2].strengths[1], "maths");
	ck_assert_ptr_null(ls.l[2].strengths[2]);
	ki_leaders_free(&ls);
	util_wfile(path, "id,name,role,urn,district,phases,strengths,days\n"
	    "X,Xan,NLE,1,Alpha,,,3\nY,Yan,KLE,2,Alpha,,,3\n");
	ck_assert_int_eq(ki_leaders_load(&ls, path, p, NULL, &err), -1);
	util_err_is(&err, path, 3, "role", "\"KLE\" is not a role");
	util_wfile(path, "id,name,role,urn,district,phases,strengths,days\n"
	    "X,Xan,NLE,1,Alpha,,,-0.5\n");
	ck_assert_int_eq(ki_leaders_load(&ls, path, p, NULL, &err), -1);
	util_err_is(&err, path, 2, "days", "0 or more");
	ki_broker_policy_free(p);
}
END_TEST

/* The deployments as text, "urn:leader:cost" each, for comparing. */
static char *
plan(struct ki_broker_policy *p, const struct ki_bk_school *s, size_t n,
    long *missed)
{
	struct ki_leaders ls;
	struct ki_bk_deploy *d;
	struct ki_err err;
	static char out[1024];
	char path[96];
	size_t nd, i, len = 0;
	FILE *note = fopen("/dev/null", "w");

	util_wfile(util_path(path, sizeof(path), "l.csv"), register_csv);
	ck_assert_int_eq(ki_leaders_load(&ls, path, p, NULL, &err), 0);
	*missed = ki_broker_match(p, &ls, s, n, &d, &nd, note);
	ck_assert_int_ge(*missed, 0);
	ck_assert_int_eq(ki_broker_cost(p, &ls, d, nd, &err), 0);
	out[0] = '\0';
	for (i = 0; i < nd; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s:%s:%lld ",
		    s[d[i].school].urn, ls.l[d[i].leader].id,
		    (long long)d[i].cost);
	free(d);
	ki_leaders_free(&ls);
	fclose(note);
	return out;
}

START_TEST(match_any_order)
{
	struct ki_broker_policy *p = shipped();
	/* support 2 (Red, 10 days); needs: 0 leadership, 1 maths, 6 teaching. */
	struct ki_bk_school s[] = {
		{ "900010", "Alpha", "primary", 2, 1u << 1, 1, 0 },
		{ "900011", "Alpha", "primary", 2, 1u << 0, 0, 0 },
		{ "900012", "Alpha", "primary", 2, 1u << 6, 6, 0 },
		{ "900014", "Alpha", "primary", 2, 1u << 1, 1, 0 },
		{ "900013", "Beta", "primary", 2, 1u << 1 | 1u << 6, 1, 0 },
		{ "900001", "Alpha", "primary", 2, 1u << 0, 0, 0 },
	};
	struct ki_bk_school r[6];
	char first[1024];
	long m1, m2;
	size_t i;

	strcpy(first, plan(p, s, 6, &m1));
	/*
	 * 900013 (two needs) first: N2, of Beta, with maths. 900001 is N1's
	 * own school: N2 from Beta in the second pass. 900010: A1 (the AST's
	 * yearly sum) and 900014: A1 again, 0.00. 900011: N1. 900012
	 * needs teaching: N1 is full, A1 and N2 lack it: not placed.
	 */
	ck_assert_str_eq(first, "900001:N2:400000 900010:A1:1800000 "
	    "900011:N1:400000 900013:N2:400000 900014:A1:0 ");
	ck_assert_int_eq(m1, 1);
	for (i = 0; i < 6; i++)
		r[i] = s[5 - i];
	ck_assert_str_eq(plan(p, r, 6, &m2), first);
	ck_assert_int_eq(m2, m1);
	ki_broker_policy_free(p);
}
END_TEST


START_TEST(run_memory)
{
	struct ki_broker_opts o;
	struct ki_err err;
	struct ki_reader *rd;
	struct ki_rec *rec;
	char rows[512], lead[512], out[512];
	FILE *fp, *note;
	long before, i, k;

	/*
	 * 100,000 schools of 24 columns, a fifth of them Red: kept whole,
	 * their rows took some 100 MB more than reading them.
	 */
	fp = fopen(util_path(rows, sizeof(rows), "rows.csv"), "w");
	ck_assert_ptr_nonnull(fp);
	fputs("urn,name,district,phase,category,category_scheme", fp);
	for (k = 0; k < 18; k++)
		fprintf(fp, ",m%ld", k);
	fputc('\n', fp);
	for (i = 0; i < 100000; i++) {
		fprintf(fp, "%ld,School number %ld,%s,primary,%s,kent-rag-2019",
		    800000 + i, i, i % 2 ? "Beta" : "Alpha", i % 5 ? "Green" :
		    "Red");
		for (k = 0; k < 18; k++)
			fprintf(fp, ",%ld.%ld", (i + k) % 97, k);
		fputc('\n', fp);
	}
	ck_assert_int_eq(fclose(fp), 0);
	util_wfile(util_path(lead, sizeof(lead), "leaders.csv"), register_csv);
	memset(&o, 0, sizeof(o));
	o.input = rows;
	o.leaders = lead;
	o.policy = POLICY;
	note = fopen("/dev/null", "w");
	fp = fopen(util_path(out, sizeof(out), "out.csv"), "w");
	ck_assert_ptr_nonnull(note);
	ck_assert_ptr_nonnull(fp);
	o.note = note;
	/* The rows read and nothing kept: the reader's own peak. */
	rd = ki_reader_open(rows, KI_FMT_AUTO, 0, &err);
	ck_assert_ptr_nonnull(rd);
	while (ki_reader_next(rd, &rec, &err) == 1)
		;
	ki_reader_close(rd);
	before = util_maxrss();
	ck_assert_msg(ki_broker_run(&o, fp, &err) == 0, "%s", err.msg);
	if (!UTIL_ASAN)
		ck_assert_int_lt(util_maxrss() - before, 16 * 1024);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_int_eq(fclose(note), 0);
	/* N1 (10 days) takes the first Red school, N2 (20) two of Beta's. */
	ck_assert_str_eq(util_content(out), "urn,name,district,phase,category,"
	    "category_scheme,support,needs,leader,leader_name,role,leader_urn,"
	    "service,days,cost,match\n"
	    "800000,School number 0,Alpha,primary,Red,kent-rag-2019,Red,"
	    "standards,N1,Ned One,NLE,900001,headteacher support,10,4000.00,"
	    "need standards: NLE; same district; same phase; paid to school "
	    "900001\n"
	    "800005,School number 5,Beta,primary,Red,kent-rag-2019,Red,"
	    "standards,N2,Nia Two,NLE,900002,headteacher support,10,4000.00,"
	    "need standards: NLE; same district; same phase; paid to school "
	    "900002\n"
	    "800015,School number 15,Beta,primary,Red,kent-rag-2019,Red,"
	    "standards,N2,Nia Two,NLE,900002,headteacher support,10,4000.00,"
	    "need standards: NLE; same district; same phase; paid to school "
	    "900002\n");
}
END_TEST

static Suite *
broker_suite(void)
{
	Suite *s = suite_create("broker");
	TCase *tc;

	tc = tcase_create("ki_broker_policy_load");
	tcase_add_test(tc, policy_shipped);
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, util_setup, NULL);
	tcase_add_test(tc, policy_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_broker_rates");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, util_setup, NULL);
	tcase_add_test(tc, rates_override);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_leaders_load");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, util_setup, NULL);
	tcase_add_test(tc, leaders_load);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_broker_match");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, util_setup, NULL);
	tcase_add_test(tc, match_any_order);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_broker_run");
	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, util_setup, NULL);
	tcase_add_test(tc, run_memory);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(broker_suite());
}
