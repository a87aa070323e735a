/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parse types shared by the host test and the fuzzer: every base type,
 * and the composite shapes the node types use.
 */
#ifndef NGPARSE_TEST_TYPES_H
#define NGPARSE_TEST_TYPES_H

#include <stddef.h>
#include "ng_parse.h"
#include "ng_one2many.h"
#include "ng_hole.h"
#include "../../uapi/netgraph.h"

/* one2many's configuration (uapi/ng_one2many.h) */
static const struct ng_parse_fixedarray_info t_links_info = {
	&ng_parse_uint8_type, NG_ONE2MANY_MAX_LINKS, NULL
};
static const struct ng_parse_type t_links_type = {
	.supertype = &ng_parse_fixedarray_type, .info = &t_links_info,
};
static const struct ng_parse_struct_field t_o2m_fields[] = {
	{ "xmitAlg", &ng_parse_uint32_type, 0 },
	{ "failAlg", &ng_parse_uint32_type, 0 },
	{ "enabledLinks", &t_links_type, 0 },
	{ NULL, NULL, 0 }
};
static const struct ng_parse_type t_o2m_type = {
	.supertype = &ng_parse_struct_type, .info = t_o2m_fields,
};

/* fixed string buffers in a row, as the generic mkpeer's arguments */
static const struct ng_parse_struct_field t_bufs_fields[] = {
	{ "type", &ng_parse_typebuf_type, 0 },
	{ "ourhook", &ng_parse_hookbuf_type, 0 },
	{ "peerhook", &ng_parse_hookbuf_type, 0 },
	{ NULL, NULL, 0 }
};
static const struct ng_parse_type t_bufs_type = {
	.supertype = &ng_parse_struct_type, .info = t_bufs_fields,
};

/* hole's stats reply (uapi/ng_hole.h) */
static const struct ng_parse_struct_field t_hole_fields[] = {
	{ "frames", &ng_parse_uint64_type, 0 },
	{ "octets", &ng_parse_uint64_type, 0 },
	{ NULL, NULL, 0 }
};
static const struct ng_parse_type t_hole_type = {
	.supertype = &ng_parse_struct_type, .info = t_hole_fields,
};

/* A sockaddr-like value: length, family, then length - 2 bytes. */
struct t_sa {
	unsigned char	len;
	unsigned char	family;
	unsigned char	data[30];
};
static int t_sa_getLength(const struct ng_parse_type *type,
			  const u8 *start, const u8 *buf)
{
	int len = buf[-2];

	(void)type;
	(void)start;
	return len < 2 ? 0 : len - 2 > 30 ? 30 : len - 2;
}
static const struct ng_parse_array_info t_sa_data_info = {
	NULL, t_sa_getLength, NULL
};
static const struct ng_parse_type t_sa_data_type = {
	.supertype = &ng_parse_bytearray_type, .info = &t_sa_data_info,
};
static const struct ng_parse_struct_field t_sa_fields[] = {
	{ "len", &ng_parse_uint8_type, 0 },
	{ "family", &ng_parse_uint8_type, 0 },
	{ "data", &t_sa_data_type, 0 },
	{ NULL, NULL, 0 }
};
static const struct ng_parse_type t_sa_type = {
	.supertype = &ng_parse_struct_type, .info = t_sa_fields,
};

/* Mixed alignment, nested struct, variable array from an earlier field. */
struct t_inner {
	unsigned short	port;
	unsigned char	addr[4];
};
struct t_mixed {
	signed char	a;
	long long	b;
	unsigned short	c;
	unsigned int	n;		/* number of elements in v */
	unsigned int	v[];
};
static const struct ng_parse_struct_field t_inner_fields[] = {
	{ "port", &ng_parse_uint16_type, 0 },
	{ "addr", &ng_parse_ipaddr_type, 0 },
	{ NULL, NULL, 0 }
};
static const struct ng_parse_type t_inner_type = {
	.supertype = &ng_parse_struct_type, .info = t_inner_fields,
};
static int t_v_getLength(const struct ng_parse_type *type,
			 const u8 *start, const u8 *buf)
{
	unsigned int n;

	(void)type;
	if (buf - start < (long)sizeof(n))
		return -1;
	memcpy(&n, buf - sizeof(n), sizeof(n));
	return n > 16 ? -1 : (int)n;
}
static const struct ng_parse_array_info t_v_info = {
	&ng_parse_hint32_type, t_v_getLength, NULL
};
static const struct ng_parse_type t_v_type = {
	.supertype = &ng_parse_array_type, .info = &t_v_info,
};
static const struct ng_parse_struct_field t_mixed_fields[] = {
	{ "a", &ng_parse_int8_type, 0 },
	{ "b", &ng_parse_int64_type, 0 },
	{ "c", &ng_parse_uint16_type, 0 },
	{ "n", &ng_parse_uint32_type, 0 },
	{ "v", &t_v_type, 0 },
	{ NULL, NULL, 0 }
};
static const struct ng_parse_type t_mixed_type = {
	.supertype = &ng_parse_struct_type, .info = t_mixed_fields,
};

/* Everything else in one struct, with an array of structs. */
static const struct ng_parse_fixedarray_info t_inners_info = {
	&t_inner_type, 3, NULL
};
static const struct ng_parse_type t_inners_type = {
	.supertype = &ng_parse_fixedarray_type, .info = &t_inners_info,
};
static const struct ng_parse_fixedstring_info t_fs8_info = { 8 };
static const struct ng_parse_type t_fs8_type = {
	.supertype = &ng_parse_fixedstring_type, .info = &t_fs8_info,
};
static const struct ng_parse_struct_field t_all_fields[] = {
	{ "node", &ng_parse_nodebuf_type, 0 },
	{ "hook", &ng_parse_hookbuf_type, 0 },
	{ "type", &ng_parse_typebuf_type, 0 },
	{ "cmd", &ng_parse_cmdbuf_type, 0 },
	{ "short", &t_fs8_type, 0 },
	{ "s", &ng_parse_sizedstring_type, 0 },
	{ "en", &ng_parse_enaddr_type, 0 },
	{ "ip", &ng_parse_ipaddr_type, 0 },
	{ "ip6", &ng_parse_ip6addr_type, 0 },
	{ "h8", &ng_parse_hint8_type, 0 },
	{ "h16", &ng_parse_hint16_type, 0 },
	{ "i16", &ng_parse_int16_type, 0 },
	{ "u64", &ng_parse_uint64_type, 0 },
	{ "h64", &ng_parse_hint64_type, 0 },
	{ "in", &t_inners_type, 0 },
	{ "path", &ng_parse_pathbuf_type, 0 },
	{ "str", &ng_parse_string_type, 0 },
	{ NULL, NULL, 0 }
};
static const struct ng_parse_type t_all_type = {
	.supertype = &ng_parse_struct_type, .info = t_all_fields,
};

#endif
