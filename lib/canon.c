/* The canonical columns of SPEC "Records" and their types. */
#include <string.h>

#include "ki/val.h"

struct canon {
	const char *name;
	enum ki_type type;
};

static const struct canon canon[] = {
	{ "urn", KI_T_TEXT }, { "year", KI_T_YEAR }, { "laestab", KI_T_TEXT },
	{ "name", KI_T_TEXT }, { "la", KI_T_TEXT }, { "district", KI_T_TEXT },
	{ "phase", KI_T_TEXT }, { "funding", KI_T_TEXT },
	{ "age_high", KI_T_INT },
	{ "ks2_l4_e", KI_T_NUMBER }, { "ks2_l4_m", KI_T_NUMBER },
	{ "ks2_l4_em", KI_T_NUMBER }, { "ks2_l4_rwm", KI_T_NUMBER },
	{ "ks2_ep_eng", KI_T_NUMBER }, { "ks2_ep_read", KI_T_NUMBER },
	{ "ks2_ep_writ", KI_T_NUMBER }, { "ks2_ep_mat", KI_T_NUMBER },
	{ "ks2_rwm_exp", KI_T_NUMBER },
	{ "ks2_read_prog", KI_T_NUMBER }, { "ks2_read_prog_lower", KI_T_NUMBER },
	{ "ks2_read_prog_upper", KI_T_NUMBER },
	{ "ks2_writ_prog", KI_T_NUMBER }, { "ks2_writ_prog_lower", KI_T_NUMBER },
	{ "ks2_writ_prog_upper", KI_T_NUMBER },
	{ "ks2_mat_prog", KI_T_NUMBER }, { "ks2_mat_prog_lower", KI_T_NUMBER },
	{ "ks2_mat_prog_upper", KI_T_NUMBER },
	{ "ks2_cohort", KI_T_INT }, { "ks2_pupils", KI_T_TEXT },
	{ "ks4_5ac_em", KI_T_NUMBER }, { "ks4_ep_eng", KI_T_NUMBER },
	{ "ks4_ep_mat", KI_T_NUMBER },
	{ "ks4_p8", KI_T_NUMBER }, { "ks4_p8_lower", KI_T_NUMBER },
	{ "ks4_p8_upper", KI_T_NUMBER }, { "ks4_p8_cohort", KI_T_INT },
	{ "ks4_p8_cov", KI_T_NUMBER }, { "ks4_att8", KI_T_NUMBER },
	{ "ks4_basics_94", KI_T_NUMBER }, { "ks4_cohort", KI_T_INT },
	{ "pct_disadvantaged", KI_T_NUMBER },
	{ "ks2_pct_disadvantaged", KI_T_NUMBER },
	{ "ks4_pct_disadvantaged", KI_T_NUMBER },
	{ "ofsted_grade", KI_T_GRADE }, { "ofsted_date", KI_T_DATE },
	{ "ofsted_published", KI_T_DATE }, { "ofsted_category", KI_T_TEXT },
	{ "ofsted_prev_grade", KI_T_GRADE },
	{ "absence", KI_T_NUMBER }, { "persistent_absence", KI_T_NUMBER },
	{ "at_risk_ri", KI_T_BOOL }, { "at_risk_inadequate", KI_T_BOOL },
	{ "leadership_concern", KI_T_BOOL }, { "scc_protocol", KI_T_BOOL },
	{ "attendance_concern", KI_T_BOOL }, { "due_ofsted", KI_T_BOOL },
	{ "neet_concern", KI_T_BOOL }, { "low_roll", KI_T_BOOL },
	{ "new_head", KI_T_BOOL },
	{ NULL, KI_T_TEXT }
};

const char *
ki_canon_col(size_t i)
{
	return i < sizeof(canon) / sizeof(canon[0]) ? canon[i].name : NULL;
}

enum ki_type
ki_canon_type(const char *name, int *known)
{
	size_t i;

	for (i = 0; canon[i].name != NULL; i++)
		if (strcmp(canon[i].name, name) == 0) {
			if (known != NULL)
				*known = 1;
			return canon[i].type;
		}
	if (known != NULL)
		*known = 0;
	return KI_T_TEXT;
}
