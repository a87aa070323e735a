/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the "iface" node type, a point-to-point network
 * interface whose packets come from and go to the graph.
 *
 * Binary compatible with FreeBSD's <netgraph/ng_iface.h>.  Its interface is
 * an ARPHRD_NONE netdevice named ng0, ng1, ... (the first free unit of the
 * node's network namespace).  It also answers the cisco type's
 * NGM_CISCO_GET_IPADDR (<netgraph/ng_cisco.h>).
 */
#ifndef _UAPI_LINUX_NG_IFACE_H
#define _UAPI_LINUX_NG_IFACE_H

#include <linux/types.h>

#define NG_IFACE_NODE_TYPE	"iface"
#define NGM_IFACE_COOKIE	1108312559

/* The interfaces' base name */
#define NG_IFACE_IFACE_NAME	"ng"

/* Hooks: one per protocol family; only these two exist on Linux */
#define NG_IFACE_HOOK_INET	"inet"
#define NG_IFACE_HOOK_INET6	"inet6"

/* MTU bounds */
#define NG_IFACE_MTU_MIN	72
#define NG_IFACE_MTU_MAX	65535
#define NG_IFACE_MTU_DEFAULT	1500

/* Commands */
enum {
	NGM_IFACE_GET_IFNAME = 1,	/* -> char[IFNAMSIZ], the interface's name */
	NGM_IFACE_POINT2POINT,		/* IFF_POINTOPOINT (the default); down only */
	NGM_IFACE_BROADCAST,		/* IFF_BROADCAST instead; down only */
	NGM_IFACE_GET_IFINDEX,		/* -> __u32, the interface's ifindex */
};

#endif /* _UAPI_LINUX_NG_IFACE_H */
