// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for kernel/ng_parse.c.  The first input byte picks a
 * type, the rest is ASCII for it.  Whenever parsing succeeds, printing
 * must succeed and binary -> ASCII -> binary must be the identity.  The
 * raw bytes are also printed as a binary value of the type, and printed
 * into a short buffer: both may fail, but never touch memory they must
 * not (ASan/UBSan catch that).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "types.h"

static const struct ng_parse_type *const types[] = {
	&t_o2m_type, &t_hole_type, &t_sa_type, &t_mixed_type, &t_all_type,
	&ng_parse_int8_type, &ng_parse_uint16_type, &ng_parse_hint32_type,
	&ng_parse_int64_type, &ng_parse_string_type, &ng_parse_hookbuf_type,
	&ng_parse_sizedstring_type, &ng_parse_ipaddr_type,
	&ng_parse_enaddr_type, &ng_parse_ip6addr_type, &t_inners_type,
	&ng_parse_ng_mesg_type, &t_bufs_type,
};

#define BINSZ	4096
#define TXTSZ	65536

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static u8 b1[BINSZ], b2[BINSZ];
	static char a1[TXTSZ], a2[TXTSZ];
	const struct ng_parse_type *type;
	struct ng_parse_err err;
	char *in, *small;
	int l1 = BINSZ, l2 = BINSZ, r, u, smalllen;

	if (size < 1 || size > 4096)
		return 0;
	type = types[data[0] % (sizeof(types) / sizeof(types[0]))];
	in = malloc(size);
	memcpy(in, data + 1, size - 1);
	in[size - 1] = '\0';

	/*
	 * Arbitrary bytes as a binary value: errors are fine, bugs are not.
	 * What prints must parse, and print again to the same text.
	 */
	u = ng_unparse(type, data + 1, (int)size - 1, a1, TXTSZ, &err);
	if (u >= 0) {
		l1 = BINSZ;
		r = ng_parse(type, a1, b1, &l1, &err);
		if (r || ng_unparse(type, b1, l1, a2, TXTSZ, &err) != l1 ||
		    strcmp(a1, a2)) {
			fprintf(stderr, "binary printed as '%s' does not come "
				"back (%d: %s at %d) -> '%s'\n", a1, r,
				err.msg, err.offset, r ? "" : a2);
			abort();
		}
		l1 = BINSZ;
	}
	smalllen = 1 + data[0] / 16;
	small = malloc(smalllen);
	ng_unparse(type, data + 1, (int)size - 1, small, smalllen, &err);
	free(small);
	(void)u;

	r = ng_parse(type, in, b1, &l1, &err);
	if (r == 0) {
		u = ng_unparse(type, b1, l1, a1, TXTSZ, &err);
		if (u != l1) {
			fprintf(stderr, "unparse of parsed '%s': %d (%s)\n",
				in, u, err.msg);
			abort();
		}
		r = ng_parse(type, a1, b2, &l2, &err);
		if (r || l2 != l1 || memcmp(b1, b2, l1)) {
			fprintf(stderr, "'%s' -> '%s' does not parse back "
				"(%d: %s at %d)\n", in, a1, r, err.msg,
				err.offset);
			abort();
		}
		u = ng_unparse(type, b2, l2, a2, TXTSZ, &err);
		if (u != l2 || strcmp(a1, a2)) {
			fprintf(stderr, "'%s' -> '%s' -> '%s'\n", in, a1, a2);
			abort();
		}
	} else if (err.error != -r || err.offset < 0 ||
		   err.offset > (int)size - 1 || !err.msg[0]) {
		fprintf(stderr, "'%s': error %d reported as %d at %d '%s'\n",
			in, r, err.error, err.offset, err.msg);
		abort();
	}
	free(in);
	return 0;
}
