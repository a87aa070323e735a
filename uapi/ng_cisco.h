/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the part of FreeBSD's <netgraph/ng_cisco.h> that
 * other types answer: ng_iface(4) replies to NGM_CISCO_GET_IPADDR with its
 * interface's first IPv4 address.  There is no cisco node type (yet).
 *
 * Binary compatible with FreeBSD's header for these names.
 */
#ifndef _UAPI_LINUX_NG_CISCO_H
#define _UAPI_LINUX_NG_CISCO_H

#include <linux/types.h>
#ifdef __KERNEL__
#include <linux/in.h>
#else
#include <netinet/in.h>		/* struct in_addr, as FreeBSD's programs expect */
#endif

#define NG_CISCO_NODE_TYPE	"cisco"
#define NGM_CISCO_COOKIE	860707227

/* Commands */
enum {
	NGM_CISCO_SET_IPADDR = 1,	/* struct ng_cisco_ipaddr */
	NGM_CISCO_GET_IPADDR,		/* -> struct ng_cisco_ipaddr */
	NGM_CISCO_GET_STATUS,		/* -> struct ng_cisco_stats */
};

struct ng_cisco_ipaddr {
	struct in_addr	ipaddr;		/* IPv4 address, network order */
	struct in_addr	netmask;	/* its netmask */
};

#endif /* _UAPI_LINUX_NG_CISCO_H */
