/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the "eiface" node type, an Ethernet interface whose
 * frames come from and go to the graph.
 *
 * Binary compatible with FreeBSD's <netgraph/ng_eiface.h>.  Its interface
 * is named ngeth0, ngeth1, ... (the first free unit of the node's network
 * namespace).
 */
#ifndef _UAPI_LINUX_NG_EIFACE_H
#define _UAPI_LINUX_NG_EIFACE_H

#include <linux/types.h>

#define NG_EIFACE_NODE_TYPE	"eiface"
#define NGM_EIFACE_COOKIE	948105892

/* The interfaces' base name */
#define NG_EIFACE_EIFACE_NAME	"ngeth"

/* Hook: whole Ethernet frames, both ways */
#define NG_EIFACE_HOOK_ETHER	"ether"

/* MTU bounds (FreeBSD's maximum is ETHER_MAX_LEN_JUMBO) */
#define NG_EIFACE_MTU_MIN	72
#define NG_EIFACE_MTU_MAX	9018
#define NG_EIFACE_MTU_DEFAULT	1500

/* Commands */
enum {
	NGM_EIFACE_GET_IFNAME = 1,	/* -> char[IFNAMSIZ], the interface's name */
	NGM_EIFACE_GET_IFADDRS,		/* -> its IPv4 and IPv6 addresses */
	NGM_EIFACE_SET,			/* __u8[6]: its Ethernet address */
};

#endif /* _UAPI_LINUX_NG_EIFACE_H */
