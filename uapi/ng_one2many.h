/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the "one2many" node type.
 *
 * Binary compatible with FreeBSD's <netgraph/ng_one2many.h> (host byte
 * order).
 */
#ifndef _UAPI_LINUX_NG_ONE2MANY_H
#define _UAPI_LINUX_NG_ONE2MANY_H

#include <linux/types.h>

#define NG_ONE2MANY_NODE_TYPE		"one2many"
#define NGM_ONE2MANY_COOKIE		1100897444

/* Hook names: "one", and "many" followed by a decimal link number */
#define NG_ONE2MANY_HOOK_ONE		"one"
#define NG_ONE2MANY_HOOK_MANY_PREFIX	"many"
#define NG_ONE2MANY_HOOK_MANY_FMT	"many%d"

/* Number of "many" links (many0 .. many63) */
#define NG_ONE2MANY_MAX_LINKS		64

/* Link number that designates the "one" hook in the stats commands */
#define NG_ONE2MANY_ONE_LINKNUM		(-1)

/* How packets from "one" are distributed over the active "many" links */
#define NG_ONE2MANY_XMIT_ROUNDROBIN	1	/* each to the next link */
#define NG_ONE2MANY_XMIT_ALL		2	/* a copy to every link */
#define NG_ONE2MANY_XMIT_FAILOVER	3	/* all to the first link */

/* How the set of working links is decided */
#define NG_ONE2MANY_FAIL_MANUAL		1	/* enabledLinks[] only */
#define NG_ONE2MANY_FAIL_NOTIFY		2	/* also flow-control messages */

/* Node configuration (72 bytes) */
struct ng_one2many_config {
	__u32	xmitAlg;
	__u32	failAlg;
	__u8	enabledLinks[NG_ONE2MANY_MAX_LINKS];
};

/* Counters of one link (40 bytes) */
struct ng_one2many_link_stats {
	__u64	recvOctets;
	__u64	recvPackets;
	__u64	xmitOctets;
	__u64	xmitPackets;
	__u64	memoryFailures;
};

/*
 * Commands.  Unlike most types, the numbering starts at 0; none carries
 * NGM_READONLY or NGM_HASREPLY.  The stats commands take a __s32 link
 * number (NG_ONE2MANY_ONE_LINKNUM for "one").
 */
enum {
	NGM_ONE2MANY_SET_CONFIG		= 0,	/* struct ng_one2many_config */
	NGM_ONE2MANY_GET_CONFIG		= 1,	/* reply: the config */
	NGM_ONE2MANY_GET_STATS		= 2,	/* reply: link stats */
	NGM_ONE2MANY_CLR_STATS		= 3,	/* no reply */
	NGM_ONE2MANY_GETCLR_STATS	= 4,	/* reply: stats before clearing */
};

#endif /* _UAPI_LINUX_NG_ONE2MANY_H */
