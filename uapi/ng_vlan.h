/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the "vlan" node type, FreeBSD's IEEE 802.1Q
 * multiplexer.
 *
 * Binary compatible with FreeBSD's <netgraph/ng_vlan.h> (FreeBSD 10 and
 * later: PCP and CFI, decapsulation and encapsulation switches, the
 * encapsulation EtherType; host byte order).
 */
#ifndef _UAPI_LINUX_NG_VLAN_H
#define _UAPI_LINUX_NG_VLAN_H

#include <linux/types.h>

#ifndef NG_HOOKSIZ
#define NG_HOOKSIZ			32	/* as in <netgraph/ng_message.h> */
#endif

/* struct ng_vlan_filter has FreeBSD's deprecated "vlan" field */
#define NG_VLAN_USE_OLD_VLAN_NAME	1

#define NG_VLAN_NODE_TYPE		"vlan"
#define NGM_VLAN_COOKIE			1068486472

/* Hooks: these two, and any other name for a filter's frames */
#define NG_VLAN_HOOK_DOWNSTREAM		"downstream"
#define NG_VLAN_HOOK_NOMATCH		"nomatch"

/* Commands */
enum {
	NGM_VLAN_ADD_FILTER = 1,	/* struct ng_vlan_filter */
	NGM_VLAN_DEL_FILTER,		/* char[NG_HOOKSIZ]: the hook */
	NGM_VLAN_GET_TABLE,		/* -> struct ng_vlan_table */
	NGM_VLAN_DEL_VID_FLT,		/* __u16: the VID */
	NGM_VLAN_GET_DECAP,		/* -> __u32 */
	NGM_VLAN_SET_DECAP,		/* __u32: nomatch gets untagged frames */
	NGM_VLAN_GET_ENCAP,		/* -> __u32: VLAN_ENCAP_FROM_* bits */
	NGM_VLAN_SET_ENCAP,		/* __u32 */
	NGM_VLAN_GET_ENCAP_PROTO,	/* -> __u16: the tag's EtherType */
	NGM_VLAN_SET_ENCAP_PROTO,	/* __u16 */
};

/* NGM_VLAN_SET_ENCAP: which hooks' frames get their tag in the frame */
#define VLAN_ENCAP_FROM_FILTER		0x00000001
#define VLAN_ENCAP_FROM_NOMATCH		0x00000002

/* A filter: the frames of VLAN vid go to and come from hook_name (38 bytes) */
struct ng_vlan_filter {
	char	hook_name[NG_HOOKSIZ];
	__u16	vlan;		/* the same as vid (FreeBSD's old name) */
	__u16	vid;		/* VLAN identifier, 0..4095 */
	__u8	pcp;		/* priority code point of frames sent, 0..7 */
	__u8	cfi;		/* canonical format indicator (DEI), 0..1 */
};

/* NGM_VLAN_GET_TABLE's reply */
struct ng_vlan_table {
	__u32	n;
	struct ng_vlan_filter filter[];
};

#endif /* _UAPI_LINUX_NG_VLAN_H */
