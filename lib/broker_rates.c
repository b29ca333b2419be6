/* Brokering rates: the policy's, and --rates in pounds, to pence exactly. */
#include <stdio.h>
#include <string.h>

#include "ki/fixed.h"
#include "ki/jsonfile.h"
#include "ki/num.h"
#include "ki/policy.h"

#include "broker_impl.h"

static const char *const ratekey[KI_BK_NRATES] = { "nle_day", "cpd_day",
	"ast_term", "supply_day", "pp_fee" };

/* Pounds, written as a number or a string, to pence exactly. */
int
ki_bk_pounds(json_t *v, int64_t *pence)
{
	char buf[64];

	if (json_is_string(v))
		snprintf(buf, sizeof(buf), "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	else if (!json_is_real(v) || ki_num_format(json_real_value(v), buf,
	    sizeof(buf)) < 0)
		return -1;
	return ki_fixed_parse(buf, 2, pence) == -1 || *pence < 0 ? -1 : 0;
}

int
ki_bk_parse_rates(struct ki_broker_policy *p, json_t *o, int policy,
    const char *file, struct ki_err *err)
{
	const char *key;
	json_t *v;
	size_t k;

	if (!json_is_object(o))
		return ki_err_set(err, file, 0, policy ? "rates" : NULL, "must "
		    "be a JSON object of rates");
	json_object_foreach(o, key, v) {
		for (k = 0; k < KI_BK_NRATES; k++)
			if (strcmp(key, ratekey[k]) == 0)
				break;
		if (k == KI_BK_NRATES && !policy && strcmp(key, "adviser_day") ==
		    0)
			continue;
		if (k == KI_BK_NRATES)
			return ki_err_set(err, file, 0, key, "unknown rate "
			    "(nle_day, cpd_day, ast_term, supply_day, pp_fee)");
		/* The policy quotes its source: {"pounds": 400, "quote": ...}. */
		if (policy && (ki_policy_keys(file, v, key, (const char *const [])
		    { "pounds", "quote", NULL }, NULL, err) == -1))
			return -1;
		if (ki_bk_pounds(policy ? json_object_get(v, "pounds") : v,
		    &p->rate[k]) == -1)
			return ki_err_set(err, file, 0, key, "not an amount in "
			    "pounds and pence, 0 or more");
		p->have_rate[k] = 1;
	}
	return 0;
}

int
ki_broker_rates(struct ki_broker_policy *p, const char *path,
    struct ki_err *err)
{
	json_t *o;
	int rc;

	if ((o = ki_json_load(path, err)) == NULL)
		return -1;
	rc = ki_bk_parse_rates(p, o, 0, path, err);
	json_decref(o);
	return rc;
}
