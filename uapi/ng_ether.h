/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the "ether" node type, one node per Ethernet
 * interface of a namespace.
 *
 * Binary compatible with FreeBSD's <netgraph/ng_ether.h> (host byte
 * order).
 */
#ifndef _UAPI_LINUX_NG_ETHER_H
#define _UAPI_LINUX_NG_ETHER_H

#include <linux/types.h>

#define NG_ETHER_NODE_TYPE	"ether"
#define NGM_ETHER_COOKIE	917786906

/* Hooks */
#define NG_ETHER_HOOK_LOWER	"lower"		/* to and from the wire */
#define NG_ETHER_HOOK_UPPER	"upper"		/* to and from the host */
#define NG_ETHER_HOOK_DIVERT	"divert"	/* another name of lower */
#define NG_ETHER_HOOK_ORPHAN	"orphans"	/* like lower, unknowns only */

/* Commands */
enum {
	NGM_ETHER_GET_IFNAME = 1,	/* -> char[IFNAMSIZ] */
	NGM_ETHER_GET_IFINDEX,		/* -> __u32 */
	NGM_ETHER_GET_ENADDR,		/* -> __u8[6] */
	NGM_ETHER_SET_ENADDR,		/* __u8[6] */
	NGM_ETHER_GET_PROMISC,		/* -> __u32 */
	NGM_ETHER_SET_PROMISC,		/* __u32 */
	NGM_ETHER_GET_AUTOSRC,		/* -> __u32 */
	NGM_ETHER_SET_AUTOSRC,		/* __u32 */
	NGM_ETHER_ADD_MULTI,		/* __u8[6] */
	NGM_ETHER_DEL_MULTI,		/* __u8[6] */
	NGM_ETHER_DETACH,		/* remove the node for good */
};

#endif /* _UAPI_LINUX_NG_ETHER_H */
